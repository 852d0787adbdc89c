import type pg from "pg";

/**
 * Puts every backup job back in its never-scanned state, its artefacts, flips, alerts and queued
 * notifications gone: the next scan is a first scan again, recording every artefact and flipping
 * every job NEW → OK.
 */
export async function forgetBackupScans(client: pg.Client): Promise<void> {
  await client.query(`DELETE FROM "BackupArtefact"; DELETE FROM "BackupStatusFlip"; DELETE FROM "Alert"; DELETE FROM graphile_worker._private_jobs;
    UPDATE "BackupJob" SET "status" = 'NEW', "statusVersion" = 0, "statusReason" = DEFAULT, "nextDeadlineAt" = NULL, "lastSuccessAt" = NULL,
      "latestArtefactPath" = NULL, "latestArtefactAt" = NULL, "latestArtefactSize" = NULL, "scanFingerprint" = NULL`);
  await client.query("VACUUM ANALYZE");
}
