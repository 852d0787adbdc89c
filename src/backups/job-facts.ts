import type { BackupJob } from "../generated/prisma/client";
import type { RawQueryable } from "../platform/db/sql-transaction";
import type { NewArtefacts } from "./artefact-ingest";
import { type BackupReason, sameReason } from "./reasons";

const earlier = (a: Date, b: Date) => (a < b ? a : b);
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export type ScannedJob = { job: BackupJob; locationError: BackupReason | null; fingerprint: string | null; fresh: NewArtefacts | undefined };

/** Whether a scan learned anything about a job (its row then changes beyond `lastScanAt`). */
export const scanChangedFacts = ({ job, locationError, fingerprint, fresh }: ScannedJob) =>
  !sameReason(locationError, job.locationError) || (fingerprint !== null && fingerprint !== job.scanFingerprint) || fresh !== undefined;

/**
 * Writes what a scan learned on every scanned job in one statement: location readability,
 * fingerprint, newest artefact, last success (newest valid artefact) and last failure (newest
 * empty or undersized one), and the scan time. Times only move forward (a ping may have recorded
 * a newer success meanwhile); future mtimes (a NAS with a fast clock) count as now. A job the
 * scan learned nothing about only has its scan time written (a rescan's usual case: a thousand
 * rows not read back). Returns the jobs whose facts changed, as they now are.
 */
export async function recordScanFacts(db: RawQueryable, scanned: ScannedJob[], now: Date): Promise<BackupJob[]> {
  const unchanged = scanned.filter((s) => !scanChangedFacts(s)).map((s) => s.job.id);
  if (unchanged.length) await db.$executeRaw`UPDATE "BackupJob" SET "lastScanAt" = ${now.toISOString()}::timestamptz WHERE "id" = ANY(${unchanged}::text[])`;
  const changed = scanned.filter(scanChangedFacts);
  if (!changed.length) return [];
  const col = <T>(pick: (s: ScannedJob) => T) => changed.map(pick);
  return db.$queryRaw<BackupJob[]>`
    UPDATE "BackupJob" j SET
      "locationError" = i.location_error,
      "scanFingerprint" = COALESCE(i.fingerprint, j."scanFingerprint"),
      "latestArtefactPath" = CASE WHEN i.latest_at > COALESCE(j."latestArtefactAt", '-infinity') THEN i.latest_path ELSE j."latestArtefactPath" END,
      "latestArtefactSize" = CASE WHEN i.latest_at > COALESCE(j."latestArtefactAt", '-infinity') THEN i.latest_size ELSE j."latestArtefactSize" END,
      "latestArtefactAt" = GREATEST(j."latestArtefactAt", i.latest_at),
      "lastSuccessAt" = GREATEST(j."lastSuccessAt", i.success_at),
      "lastFailureReason" = CASE WHEN i.failure_at > COALESCE(j."lastFailureAt", '-infinity') THEN i.failure_reason ELSE j."lastFailureReason" END,
      "lastFailureAt" = GREATEST(j."lastFailureAt", i.failure_at),
      "lastScanAt" = ${now.toISOString()}::timestamptz,
      "updatedAt" = ${now.toISOString()}::timestamptz
    FROM unnest(
      ${col((s) => s.job.id)}::text[], ${col((s) => (s.locationError ? JSON.stringify(s.locationError) : null))}::jsonb[], ${col((s) => s.fingerprint)}::text[],
      ${col((s) => s.fresh?.newest?.path ?? null)}::text[], ${col((s) => (s.fresh?.newest ? String(s.fresh.newest.size) : null))}::bigint[],
      ${col((s) => iso(s.fresh?.newest?.mtime))}::timestamptz[],
      ${col((s) => iso(s.fresh?.newestValid && earlier(s.fresh.newestValid.mtime, now)))}::timestamptz[],
      ${col((s) => iso(s.fresh?.newestInvalid && earlier(s.fresh.newestInvalid.mtime, now)))}::timestamptz[],
      ${col((s) => (s.fresh?.newestInvalid ? JSON.stringify(s.fresh.newestInvalid.reason) : null))}::jsonb[]
    ) AS i(id, location_error, fingerprint, latest_path, latest_size, latest_at, success_at, failure_at, failure_reason)
    WHERE j."id" = i.id
    RETURNING j.*`;
}
