import type { Db } from "../platform/db/client";
import type { RawQueryable } from "../platform/db/sql-transaction";
import type { BackupJob } from "../generated/prisma/client";
import type { BackupJobStatus, Severity } from "../generated/prisma/enums";
import { topics } from "../platform/live/topics";
import { alertText } from "../platform/alerts/alert-text";
import type { AlertParams, BackupFlipAlertType } from "../platform/alerts/alert-types";
import { type BackupReason, sameReason } from "./reasons";
import { evaluateBackupJob, type BackupJobEvaluation } from "./status";

const flipSeverity: Record<BackupJobStatus, Severity> = {
  NEW: "INFO",
  OK: "INFO",
  PAUSED: "INFO",
  LATE: "WARNING",
  FAILED: "ERROR",
  MISSING: "CRITICAL",
};

const troubled: BackupJobStatus[] = ["LATE", "FAILED", "MISSING"];

/**
 * The alert a flip raises, or null: alerts are for entering trouble (LATE, FAILED, MISSING) or
 * leaving it. A flip between calm statuses — a new job's first artefact, a pause, a resume — is
 * kept in the job's history and published live, but nothing was wrong and nothing is: as
 * Healthchecks and Uptime Kuma do not notify a check's first "up", a thousand new jobs do not
 * raise a thousand alerts and notifications.
 */
function flipType(from: BackupJobStatus, to: BackupJobStatus): BackupFlipAlertType | null {
  if (!troubled.includes(from) && !troubled.includes(to)) return null;
  if (to === "OK") return "backup.recovered";
  return `backup.${to.toLowerCase()}` as BackupFlipAlertType;
}

/** A flip's alert: its parameters, and its text in English (stored with it, for API clients and logs). */
function flipAlert(job: SettledJob, next: BackupJobEvaluation) {
  const type = flipType(job.status, next.status);
  if (!type) return null;
  const params: AlertParams[BackupFlipAlertType] = { job: job.name, from: job.status, to: next.status, reason: next.reason };
  return { type, params, ...alertText({ type, params, title: "", description: "" }, "en") };
}

export type BackupFlip = { jobId: string; from: BackupJobStatus; to: BackupJobStatus; reason: BackupReason };

type SettledJob = Pick<BackupJob, "id" | "name" | "status" | "statusVersion" | "statusReason" | "nextDeadlineAt"> & Parameters<typeof evaluateBackupJob>[0];

/**
 * Brings jobs' statuses and deadlines in line with their facts, in at most two statements
 * whatever the number of jobs (a first scan flips a thousand at once). A status change is a
 * compare-and-swap on `statusVersion`: when two processes settle the same job at once only one
 * flips it, and that one alone writes the flip, raises its alert when it has one (queued for
 * notification) and publishes it, all in the same statement. Returns the flips this call made.
 */
export async function settleBackupJobs(
  db: RawQueryable,
  jobs: SettledJob[],
  now = new Date(),
  options: { lazyDeadline?: boolean } = {},
): Promise<BackupFlip[]> {
  const flips: { job: SettledJob; next: BackupJobEvaluation }[] = [];
  const moves: { job: SettledJob; next: BackupJobEvaluation }[] = [];
  for (const job of jobs) {
    const next = evaluateBackupJob(job, now);
    if (next.status !== job.status) flips.push({ job, next });
    else {
      // A healthy job whose deadline moved later (a success ping) can wait: the deadline task
      // re-evaluates it when the old deadline passes, so a burst of pings writes the job once each.
      const lazy =
        options.lazyDeadline &&
        next.status === "OK" &&
        job.nextDeadlineAt !== null &&
        next.nextDeadlineAt !== null &&
        next.nextDeadlineAt >= job.nextDeadlineAt;
      if (!lazy && (next.nextDeadlineAt?.getTime() !== job.nextDeadlineAt?.getTime() || !sameReason(next.reason, job.statusReason))) moves.push({ job, next });
    }
  }
  if (moves.length) {
    await db.$executeRaw`
      UPDATE "BackupJob" j SET "nextDeadlineAt" = i.deadline, "statusReason" = i.reason
      FROM unnest(${moves.map((m) => m.job.id)}::text[], ${moves.map((m) => m.job.statusVersion)}::int[],
                  ${moves.map((m) => m.next.nextDeadlineAt?.toISOString() ?? null)}::timestamptz[], ${moves.map((m) => JSON.stringify(m.next.reason))}::jsonb[]) AS i(id, version, deadline, reason)
      WHERE j."id" = i.id AND j."statusVersion" = i.version`;
  }
  if (!flips.length) return [];
  const at = now.toISOString();
  const alerts = flips.map((f) => flipAlert(f.job, f.next));
  // The alert's row is what `alert.raised` carries, its time in UTC like every other payload.
  const swapped = await db.$queryRaw<{ jobId: string }[]>`
    WITH i AS (
      SELECT * FROM unnest(
        ${flips.map((f) => f.job.id)}::text[], ${flips.map((f) => f.job.statusVersion)}::int[],
        ${flips.map((f) => f.job.status)}::text[], ${flips.map((f) => f.next.status)}::text[], ${flips.map((f) => JSON.stringify(f.next.reason))}::jsonb[],
        ${flips.map((f) => f.next.nextDeadlineAt?.toISOString() ?? null)}::timestamptz[],
        ${alerts.map((a) => a?.type ?? null)}::text[], ${flips.map((f) => flipSeverity[f.next.status])}::text[],
        ${alerts.map((a) => (a ? JSON.stringify(a.params) : null))}::jsonb[], ${alerts.map((a) => a?.title ?? null)}::text[], ${alerts.map((a) => a?.description ?? null)}::text[]
      ) AS i(id, version, from_status, to_status, reason, deadline, alert_type, severity, alert_params, title, description)
    ), swapped AS (
      UPDATE "BackupJob" j SET "status" = i.to_status::"BackupJobStatus", "statusReason" = i.reason, "statusChangedAt" = ${at}::timestamptz,
        "nextDeadlineAt" = i.deadline, "statusVersion" = j."statusVersion" + 1
      FROM i WHERE j."id" = i.id AND j."statusVersion" = i.version
      RETURNING i.*
    ), alerts AS (
      INSERT INTO "Alert" ("id", "occurredAt", "sourceKind", "sourceId", "type", "params", "severity", "category", "title", "description")
      SELECT gen_random_uuid()::text, ${at}::timestamptz, 'BACKUP_JOB', s.id, s.alert_type, s.alert_params, s.severity::"Severity", 'backup', s.title, s.description
      FROM swapped s WHERE s.alert_type IS NOT NULL
      RETURNING *
    ), recorded AS (
      INSERT INTO "BackupStatusFlip" ("jobId", "fromStatus", "toStatus", "reason", "at", "alertId")
      SELECT s.id, s.from_status::"BackupJobStatus", s.to_status::"BackupJobStatus", s.reason, ${at}::timestamptz, a."id" FROM swapped s LEFT JOIN alerts a ON a."sourceId" = s.id
    ), announced AS (
      SELECT s.id, jsonb_build_object('jobId', s.id, 'from', s.from_status, 'to', s.to_status, 'reason', s.reason, 'at', ${at}::text) AS payload,
             a."id" AS alert_id, to_jsonb(a) || jsonb_build_object('occurredAt', ${at}::text) AS alert
      FROM swapped s LEFT JOIN alerts a ON a."sourceId" = s.id
    ), queued AS (
      -- One call for every alert's notification job: add_job per alert cost more than the rest of the statement.
      SELECT count(*) AS jobs FROM graphile_worker.add_jobs(ARRAY(
        SELECT ROW('alert_dispatch', json_build_object('alertId', alert_id), NULL, NULL, NULL, 'alert_dispatch:' || alert_id, NULL, NULL)::graphile_worker.job_spec
        FROM announced WHERE alert_id IS NOT NULL))
    ), events AS (
      SELECT a.id AS job_id, e.* FROM announced a, LATERAL (VALUES
        (1, ${topics.alerts}, 'alert.raised', a.alert), (2, ${topics.backups}, 'job.status', a.payload), (3, ${topics.backup("")} || a.id, 'job.status', a.payload)
      ) AS e(n, topic, type, payload)
      WHERE e.payload IS NOT NULL
    ), published AS (
      -- A job's events in this order: its alert (when it raised one), then its status on both topics.
      SELECT vigie_publish_many(array_agg(topic ORDER BY job_id, n), array_agg(type ORDER BY job_id, n), array_agg(payload ORDER BY job_id, n), false) AS last_id
      FROM events
    )
    SELECT id AS "jobId" FROM announced, queued, published`;
  const made = new Set(swapped.map((r) => r.jobId));
  return flips.filter((f) => made.has(f.job.id)).map((f) => ({ jobId: f.job.id, from: f.job.status, to: f.next.status, reason: f.next.reason }));
}

/** One job: see settleBackupJobs. Returns its flip, or null when nothing changed or another process got there first. */
export async function settleBackupJob(
  db: RawQueryable,
  job: SettledJob,
  now = new Date(),
  options: { lazyDeadline?: boolean } = {},
): Promise<BackupFlip | null> {
  const [flip] = await settleBackupJobs(db, [job], now, options);
  return flip ?? null;
}

/** Settles every job whose deadline has passed: the time-driven half of the state machine. */
export async function settleDueBackupJobs(db: Db, now = new Date()): Promise<BackupFlip[]> {
  const due = await db.backupJob.findMany({ where: { nextDeadlineAt: { lte: now } } });
  return settleBackupJobs(db, due, now);
}
