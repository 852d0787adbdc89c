import type { Db } from "../db/client";

export type QueueCounts = { pending: number; scheduled: number; running: number; failed: number };

/** graphile-worker's queue, read from its public `jobs` view. */
export async function queueCounts(db: Db): Promise<QueueCounts> {
  const [row] = await db.$queryRaw<{ pending: number; scheduled: number; running: number; failed: number }[]>`
    SELECT
      count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())::int AS pending,
      count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now())::int AS scheduled,
      count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS running,
      count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed
    FROM graphile_worker.jobs`;
  return row ?? { pending: 0, scheduled: 0, running: 0, failed: 0 };
}

export type JobState = "pending" | "scheduled" | "running" | "failed" | "retrying";

export type QueueJob = {
  id: string;
  task: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lockedAt: Date | null;
  lastError: string | null;
  key: string | null;
  createdAt: Date;
};

export async function listJobs(db: Db, state: JobState | "all", limit: number): Promise<QueueJob[]> {
  const rows = await db.$queryRaw<(Omit<QueueJob, "state" | "id"> & { id: bigint })[]>`
    SELECT id, task_identifier AS task, attempts, max_attempts AS "maxAttempts", run_at AS "runAt",
           locked_at AS "lockedAt", last_error AS "lastError", key, created_at AS "createdAt"
    FROM graphile_worker.jobs
    WHERE ${state} = 'all'
       OR (${state} = 'failed' AND attempts >= max_attempts)
       OR (${state} = 'running' AND locked_at IS NOT NULL)
       OR (${state} = 'pending' AND locked_at IS NULL AND attempts < max_attempts AND run_at <= now())
       OR (${state} = 'scheduled' AND locked_at IS NULL AND attempts < max_attempts AND run_at > now())
       OR (${state} = 'retrying' AND locked_at IS NULL AND attempts > 0 AND attempts < max_attempts)
    ORDER BY (attempts >= max_attempts) DESC, run_at ASC
    LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, id: r.id.toString(), state: jobState(r) }));
}

function jobState(j: { attempts: number; maxAttempts: number; lockedAt: Date | null; runAt: Date }): JobState {
  if (j.lockedAt) return "running";
  if (j.attempts >= j.maxAttempts) return "failed";
  if (j.attempts > 0) return "retrying";
  return j.runAt > new Date() ? "scheduled" : "pending";
}

/** Runs failed or waiting jobs again now, with a fresh attempt count. */
export async function retryJobs(db: Db, ids: string[]): Promise<number> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT * FROM graphile_worker.reschedule_jobs(${ids.map(BigInt)}::bigint[], run_at => now(), attempts => 0)`;
  return rows.length;
}

/** Deletes jobs that are not running (graphile-worker skips locked ones). */
export async function deleteJobs(db: Db, ids: string[]): Promise<number> {
  const rows = await db.$queryRaw<unknown[]>`SELECT * FROM graphile_worker.complete_jobs(${ids.map(BigInt)}::bigint[])`;
  return rows.length;
}
