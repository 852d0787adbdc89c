import { Logger as GraphileLogger } from "graphile-worker";
import type { Logger } from "../src/platform/logger";

/**
 * graphile-worker's messages in Vigie's log. A job's whole row (payload, key, lock…) is only
 * written at debug: at info, "Completed task 7 (campaign_run, 2110.93ms)" stays one short line.
 */
export function graphileLogger(base: Logger) {
  return new GraphileLogger((scope) => (level, message, meta) => {
    const { job, ...context } = { ...scope, ...(meta as object) } as { job?: { id?: string; task_identifier?: string } };
    const short = job ? { ...context, jobId: job.id, task: job.task_identifier } : context;
    if (level === "error") base.error(message, short);
    else if (level === "warning") base.warn(message, short);
    // Its message already names the task, the job and the time it took.
    else if (level === "info") base.info(message);
    else base.debug(message, short);
    if (job && level !== "debug") base.debug(`${message}: job`, { job });
  });
}
