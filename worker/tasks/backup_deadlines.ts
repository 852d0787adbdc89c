import { settleDueBackupJobs } from "../../src/backups/settle";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Flips jobs whose deadline passed between scans (OK → LATE → MISSING) within a minute. */
export const backup_deadlines = defineTask("backup_deadlines", async (_payload, helpers) => {
  const flips = await settleDueBackupJobs(workerContext().db);
  if (flips.length) helpers.logger.info(`backup deadlines: ${flips.map((f) => `${f.jobId} ${f.from}→${f.to}`).join(", ")}`);
});
