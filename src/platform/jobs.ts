import type { RawQueryable } from "./db/sql-transaction";

/**
 * Queues a graphile-worker job from any process, inside the caller's transaction when there is
 * one (the job then exists only if the transaction commits).
 */
export async function enqueueJob(
  db: RawQueryable,
  task: string,
  payload: unknown,
  options: { jobKey?: string; runAt?: Date; maxAttempts?: number; queueName?: string; jobKeyMode?: "replace" | "preserve_run_at" | "unsafe_dedupe" } = {},
): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload ?? {})}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? null}::int,
    job_key => ${options.jobKey ?? null}::text,
    job_key_mode => ${options.jobKeyMode ?? "replace"}::text
  )`;
}
