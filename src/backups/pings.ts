import { z } from "zod";
import { Prisma, type BackupJob } from "../generated/prisma/client";
import type { Db } from "../platform/db/client";
import { DomainError } from "../platform/errors";
import { topics } from "../platform/live/topics";
import { checkRunDuration } from "./anomalies";
import { BASELINE_SAMPLES } from "./rules";
import { backupSettings } from "./settings";
import type { BackupReason } from "./reasons";
import { settleBackupJob } from "./settle";

/** `/ping/<uuid>` (success), `/start`, `/fail` or `/<exit code>`. */
export const pingActionSchema = z.union([
  z.literal("start"),
  z.literal("fail"),
  z.literal("success"),
  z
    .string()
    .regex(/^\d{1,3}$/, "expected start, fail or an exit code")
    .transform(Number)
    .pipe(z.number().int().max(255)),
]);
export type PingAction = z.infer<typeof pingActionSchema>;

export const pingRequestSchema = z.object({
  token: z.uuid(),
  action: pingActionSchema.default("success"),
  /** Pairs a start with its finish when a tool runs several at once. */
  runKey: z.string().trim().min(1).max(200).optional(),
  body: z.string().optional(),
});
export type PingRequest = z.input<typeof pingRequestSchema>;

export class UnknownPingTokenError extends DomainError {
  constructor() {
    super("NOT_FOUND", "unknown_ping_token", "No backup job has this ping URL.");
  }
}

export const LOG_EXCERPT_CHARS = 10_000;

/** The end of a log is where tools say how it went; PostgreSQL text cannot hold NUL. */
export function logExcerpt(body: string | undefined): string | null {
  if (!body) return null;
  const clean = body.replaceAll("\0", "");
  return clean.length > LOG_EXCERPT_CHARS ? `…${clean.slice(-LOG_EXCERPT_CHARS)}` : clean;
}

type PingRow = BackupJob & { runId: string; runDurationMs: number | null; previousDurations: number[] | null; longRunFactor: unknown };

/**
 * A backup tool's report. `start` opens a run; success, `fail` or an exit code closes the run it
 * pairs with (same run key, or the latest open run without one), or records a finished run.
 * One SQL statement records the run, the job's facts and the live events and returns what the
 * state machine needs: a burst of pings costs one round trip each, and the job's row lock makes
 * them queue in PostgreSQL rather than in the connection pool. A second statement is needed only
 * when the status (or its deadline) changes. An unknown token changes nothing.
 */
export async function recordPing(db: Db, input: PingRequest, now = new Date()) {
  const ping = pingRequestSchema.parse(input);
  const log = logExcerpt(ping.body);
  const runKey = ping.runKey ?? null;
  const start = ping.action === "start";
  const exitCode = start ? null : ping.action === "success" ? 0 : ping.action === "fail" ? null : ping.action;
  const failed = !start && exitCode !== 0;
  const outcome = start ? "RUNNING" : failed ? "FAILED" : "SUCCEEDED";
  const reason: BackupReason = exitCode === null ? { code: "tool_failed", params: {} } : { code: "tool_exit_code", params: { exitCode: Number(exitCode) } };
  const [row] = await db.$queryRaw<PingRow[]>`
    WITH job AS (
      SELECT * FROM "BackupJob" WHERE "pingToken" = ${ping.token}::uuid FOR UPDATE
    ), open_run AS (
      SELECT r.* FROM "BackupRun" r, job
      WHERE r."jobId" = job."id" AND ${runKey === null ? Prisma.sql`r."runKey" IS NULL AND r."outcome" = 'RUNNING'` : Prisma.sql`r."runKey" = ${runKey}`}
      ORDER BY r."startedAt" DESC NULLS LAST LIMIT 1
    ), updated_run AS (
      UPDATE "BackupRun" r SET
        "outcome" = ${outcome}::"BackupRunOutcome",
        "startedAt" = ${start ? Prisma.sql`${now}` : Prisma.sql`r."startedAt"`},
        "finishedAt" = ${start ? null : now},
        "exitCode" = ${exitCode}::int,
        "durationMs" = ${start ? Prisma.sql`NULL` : Prisma.sql`CASE WHEN r."outcome" = 'RUNNING' AND r."startedAt" IS NOT NULL THEN (extract(epoch FROM ${now}::timestamptz - r."startedAt") * 1000)::int END`},
        "log" = coalesce(${log}, ${start ? Prisma.sql`NULL` : Prisma.sql`r."log"`})
      FROM open_run WHERE r."id" = open_run."id"
      RETURNING r."id", r."durationMs"
    ), inserted_run AS (
      INSERT INTO "BackupRun" ("id", "jobId", "runKey", "outcome", "startedAt", "finishedAt", "exitCode", "log")
      SELECT gen_random_uuid()::text, job."id", ${runKey}, ${outcome}::"BackupRunOutcome", ${start ? now : null}::timestamptz, ${start ? null : now}::timestamptz, ${exitCode}::int, ${log}
      FROM job WHERE NOT EXISTS (SELECT 1 FROM open_run)
      RETURNING "id", "durationMs"
    ), run AS (
      SELECT * FROM updated_run UNION ALL SELECT * FROM inserted_run
    ), updated_job AS (
      UPDATE "BackupJob" j SET
        "lastSuccessAt" = ${!start && !failed ? Prisma.sql`${now}` : Prisma.sql`j."lastSuccessAt"`},
        "lastFailureAt" = ${failed ? Prisma.sql`${now}` : Prisma.sql`j."lastFailureAt"`},
        "lastFailureReason" = ${failed ? Prisma.sql`${JSON.stringify(reason)}::jsonb` : Prisma.sql`j."lastFailureReason"`},
        "updatedAt" = ${now}
      FROM job WHERE j."id" = job."id"
      RETURNING j.*
    )
    SELECT updated_job.*, run."id" AS "runId", run."durationMs" AS "runDurationMs",
      (SELECT array_agg(p."durationMs") FROM (
        SELECT r."durationMs" FROM "BackupRun" r, job WHERE r."jobId" = job."id" AND r."durationMs" IS NOT NULL AND r."id" NOT IN (SELECT "id" FROM run)
        ORDER BY r."finishedAt" DESC LIMIT ${BASELINE_SAMPLES}) p) AS "previousDurations",
      (SELECT "value" FROM "Setting" WHERE "key" = ${backupSettings.longRunFactor.key}) AS "longRunFactor",
      vigie_publish(${topics.backup("")} || updated_job."id", 'job.updated', jsonb_build_object('jobId', updated_job."id", 'runId', run."id"), true),
      ${start ? Prisma.sql`NULL` : Prisma.sql`vigie_publish(${topics.backups}, 'job.updated', jsonb_build_object('jobId', updated_job."id"), true)`}
    FROM updated_job, run`;
  if (!row) throw new UnknownPingTokenError();
  const { runId, runDurationMs, previousDurations, longRunFactor, ...job } = row;
  if (start) return { job: job.id, run: runId, status: job.status };

  const flip = await settleBackupJob(db, job, now, { lazyDeadline: true });
  if (runDurationMs !== null) {
    const factor = backupSettings.longRunFactor.schema.safeParse(longRunFactor);
    await checkRunDuration(
      db,
      job,
      runDurationMs,
      previousDurations ?? [],
      factor.success ? (factor.data as number) : backupSettings.longRunFactor.defaultValue,
    );
  }
  return { job: job.id, run: runId, status: flip?.to ?? job.status };
}
