import { runScanner } from "../../src/backups/scanner";
import { planFollowingScan } from "../../src/backups/scan-cadence";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/**
 * One backup scan. A failure is logged with its context and swallowed: the scan run records it,
 * and a retry would only add an unplanned run. A scheduled scan always plans the next one.
 */
export const backup_scan = defineTask("backup_scan", async (request, helpers) => {
  const { db, log } = workerContext();
  try {
    const summary = await runScanner(db, request);
    helpers.logger.info(
      `backup scan ${summary.scanId}: ${summary.jobsScanned} jobs, ${summary.artefactsSeen} files, ${summary.newArtefacts} new, ${summary.errors.length} failing locations, ${summary.flips.length} status changes`,
    );
  } catch (err) {
    log.error("backup scan failed", { ...request, jobKey: helpers.job.key, runAt: helpers.job.run_at, error: err });
  } finally {
    if (request.trigger === "schedule") await planFollowingScan(db, helpers.job.run_at, new Date());
  }
});
