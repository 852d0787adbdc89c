import { z } from "zod";
import type { Db } from "../server/db/client";
import { DomainError } from "../server/errors";
import { publish } from "../server/live/publish";
import { topics } from "../server/live/topics";
import { getSetting } from "../server/settings/settings";
import { checkRunDuration } from "./anomalies";
import { backupSettings } from "./settings";
import { settleBackupJob } from "./settle";

/** `/ping/<uuid>` (success), `/start`, `/fail` or `/<exit code>`. */
export const pingActionSchema = z.union([
  z.literal("start"),
  z.literal("fail"),
  z.literal("success"),
  z.string().regex(/^\d{1,3}$/, "expected start, fail or an exit code").transform(Number).pipe(z.number().int().max(255)),
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
    super("NOT_FOUND", "No backup job has this ping URL.");
  }
}

export const LOG_EXCERPT_CHARS = 10_000;

/** The end of a log is where tools say how it went; PostgreSQL text cannot hold NUL. */
export function logExcerpt(body: string | undefined): string | null {
  if (!body) return null;
  const clean = body.replaceAll("\0", "");
  return clean.length > LOG_EXCERPT_CHARS ? `…${clean.slice(-LOG_EXCERPT_CHARS)}` : clean;
}

/**
 * A backup tool's report. `start` opens a run; success, `fail` or an exit code closes the run it
 * pairs with (same run key, or the latest open run without one), or records a finished run.
 * The job's facts and status follow; an unknown token changes nothing.
 */
export async function recordPing(db: Db, input: PingRequest, now = new Date()) {
  const ping = pingRequestSchema.parse(input);
  const job = await db.backupJob.findUnique({ where: { pingToken: ping.token } });
  if (!job) throw new UnknownPingTokenError();
  const log = logExcerpt(ping.body);
  const runKey = ping.runKey ?? null;

  if (ping.action === "start") {
    const run = runKey
      ? await db.backupRun.upsert({
          where: { jobId_runKey: { jobId: job.id, runKey } },
          create: { jobId: job.id, runKey, outcome: "RUNNING", startedAt: now, log },
          update: { outcome: "RUNNING", startedAt: now, finishedAt: null, exitCode: null, durationMs: null, log },
        })
      : await db.backupRun.create({ data: { jobId: job.id, outcome: "RUNNING", startedAt: now, log } });
    await publish(db, topics.backup(job.id), "job.updated", { jobId: job.id, runId: run.id });
    return { job: job.id, run: run.id, status: job.status };
  }

  const exitCode = ping.action === "success" ? 0 : ping.action === "fail" ? null : ping.action;
  const failed = exitCode !== 0;
  const open = runKey
    ? await db.backupRun.findUnique({ where: { jobId_runKey: { jobId: job.id, runKey } } })
    : await db.backupRun.findFirst({ where: { jobId: job.id, runKey: null, outcome: "RUNNING" }, orderBy: { startedAt: "desc" } });
  const finish = {
    outcome: failed ? ("FAILED" as const) : ("SUCCEEDED" as const),
    finishedAt: now,
    exitCode,
    durationMs: open?.startedAt && open.outcome === "RUNNING" ? now.getTime() - open.startedAt.getTime() : null,
    log: log ?? open?.log ?? null,
  };
  const run = open
    ? await db.backupRun.update({ where: { id: open.id }, data: finish })
    : await db.backupRun.create({ data: { jobId: job.id, runKey, ...finish } });

  const reason = exitCode === null ? "the backup tool reported a failure" : `the backup tool exited with code ${exitCode}`;
  const updated = await db.backupJob.update({
    where: { id: job.id },
    data: failed ? { lastFailureAt: now, lastFailureReason: reason } : { lastSuccessAt: now },
  });
  await settleBackupJob(db, updated, now);
  if (run.durationMs !== null) {
    await checkRunDuration(db, job, { id: run.id, durationMs: run.durationMs }, await getSetting(db, backupSettings.longRunFactor));
  }
  await publish(db, topics.backup(job.id), "job.updated", { jobId: job.id, runId: run.id });
  await publish(db, topics.backups, "job.updated", { jobId: job.id });
  return { job: job.id, run: run.id, status: (await db.backupJob.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } })).status };
}
