import type { BackupJobStatus } from "../generated/prisma/enums";
import { nextDueAt, type BackupSchedule } from "./schedule";

/** What deciding a job's status needs: its schedule and the facts kept on its row. */
export type BackupJobFacts = BackupSchedule & {
  paused: boolean;
  graceMinutes: number;
  createdAt: Date;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastFailureReason: string | null;
  locationError: string | null;
};

export type BackupJobEvaluation = {
  status: BackupJobStatus;
  reason: string;
  /** When time alone would change this status; null when only new facts can. */
  nextDeadlineAt: Date | null;
};

/**
 * The state machine: PAUSED wins; then FAILED (unreadable location, or a failure newer than the
 * last success); otherwise the schedule decides between NEW/OK (before the deadline), LATE
 * (deadline passed, within grace) and MISSING (grace elapsed).
 */
export function evaluateBackupJob(job: BackupJobFacts, now: Date): BackupJobEvaluation {
  if (job.paused) return { status: "PAUSED", reason: "paused", nextDeadlineAt: null };
  if (job.locationError) return { status: "FAILED", reason: job.locationError, nextDeadlineAt: null };
  if (job.lastFailureAt && (!job.lastSuccessAt || job.lastFailureAt >= job.lastSuccessAt)) {
    return { status: "FAILED", reason: job.lastFailureReason ?? "failed", nextDeadlineAt: null };
  }
  const since = job.lastSuccessAt ?? job.createdAt;
  const deadline = nextDueAt(job, since);
  if (!deadline) return { status: job.lastSuccessAt ? "OK" : "NEW", reason: "no schedule", nextDeadlineAt: null };
  if (now < deadline) {
    return job.lastSuccessAt
      ? { status: "OK", reason: `last backup ${job.lastSuccessAt.toISOString()}`, nextDeadlineAt: deadline }
      : { status: "NEW", reason: "nothing seen yet", nextDeadlineAt: deadline };
  }
  const graceEnd = new Date(deadline.getTime() + job.graceMinutes * 60_000);
  if (now < graceEnd) return { status: "LATE", reason: `due ${deadline.toISOString()}`, nextDeadlineAt: graceEnd };
  const seen = job.lastSuccessAt ? `nothing new since ${job.lastSuccessAt.toISOString()}` : "nothing seen";
  return { status: "MISSING", reason: `${seen}; due ${deadline.toISOString()}, grace ended ${graceEnd.toISOString()}`, nextDeadlineAt: null };
}
