import type { BackupJobStatus } from "../generated/prisma/enums";
import { type BackupReason, storedReason } from "./reasons";
import { nextDueAt, type BackupSchedule } from "./schedule";

/** What deciding a job's status needs: its schedule and the facts kept on its row. */
export type BackupJobFacts = BackupSchedule & {
  paused: boolean;
  graceMinutes: number;
  createdAt: Date;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  /** Stored reasons (see reasons.ts). */
  lastFailureReason: unknown;
  locationError: unknown;
};

export type BackupJobEvaluation = {
  status: BackupJobStatus;
  reason: BackupReason;
  /** When time alone would change this status; null when only new facts can. */
  nextDeadlineAt: Date | null;
};

/**
 * The state machine: PAUSED wins; then FAILED (unreadable location, or a failure newer than the
 * last success); otherwise the schedule decides between NEW/OK (before the deadline), LATE
 * (deadline passed, within grace) and MISSING (grace elapsed).
 */
export function evaluateBackupJob(job: BackupJobFacts, now: Date): BackupJobEvaluation {
  if (job.paused) return { status: "PAUSED", reason: { code: "paused", params: {} }, nextDeadlineAt: null };
  if (job.locationError) return { status: "FAILED", reason: storedReason(job.locationError), nextDeadlineAt: null };
  if (job.lastFailureAt && (!job.lastSuccessAt || job.lastFailureAt >= job.lastSuccessAt)) {
    return { status: "FAILED", reason: job.lastFailureReason ? storedReason(job.lastFailureReason) : { code: "failed", params: {} }, nextDeadlineAt: null };
  }
  const since = job.lastSuccessAt ?? job.createdAt;
  const deadline = nextDueAt(job, since);
  if (!deadline) return { status: job.lastSuccessAt ? "OK" : "NEW", reason: { code: "no_schedule", params: {} }, nextDeadlineAt: null };
  if (now < deadline) {
    return job.lastSuccessAt
      ? { status: "OK", reason: { code: "last_backup", params: { at: job.lastSuccessAt.toISOString() } }, nextDeadlineAt: deadline }
      : { status: "NEW", reason: { code: "nothing_yet", params: {} }, nextDeadlineAt: deadline };
  }
  const graceEnd = new Date(deadline.getTime() + job.graceMinutes * 60_000);
  if (now < graceEnd) return { status: "LATE", reason: { code: "due", params: { due: deadline.toISOString() } }, nextDeadlineAt: graceEnd };
  return {
    status: "MISSING",
    reason: {
      code: "missing",
      params: { lastSuccessAt: job.lastSuccessAt?.toISOString() ?? null, due: deadline.toISOString(), graceEnd: graceEnd.toISOString() },
    },
    nextDeadlineAt: null,
  };
}
