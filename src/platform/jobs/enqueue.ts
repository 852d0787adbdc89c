import type { RawQueryable } from "../db/sql-transaction";
import { type TaskName, type TaskPayloads, taskPayloads } from "./task-payloads";

export type EnqueueOptions = {
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  queueName?: string;
  jobKeyMode?: "replace" | "preserve_run_at" | "unsafe_dedupe";
};

/**
 * Queues a graphile-worker job from any process, inside the caller's transaction when there is
 * one (the job then exists only if the transaction commits). The payload is checked against the
 * task's schema first: a job the worker would refuse is never queued.
 */
export async function enqueueJob<N extends TaskName>(db: RawQueryable, task: N, payload: TaskPayloads[N], options: EnqueueOptions = {}): Promise<void> {
  const checked = taskPayloads[task].parse(payload);
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${task},
    ${JSON.stringify(checked)}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? null}::int,
    job_key => ${options.jobKey ?? null}::text,
    job_key_mode => ${options.jobKeyMode ?? "replace"}::text
  )`;
}
