import type { Db } from "../server/db/client";
import type { BackupJob } from "../generated/prisma/client";
import type { BackupJobStatus, Severity } from "../generated/prisma/enums";
import { raiseAlertWithin } from "../server/alerts/alerts";
import { publishWithin } from "../server/live/publish";
import { topics } from "../server/live/topics";
import { evaluateBackupJob } from "./status";

const flipSeverity: Record<BackupJobStatus, Severity> = {
  NEW: "INFO",
  OK: "INFO",
  PAUSED: "INFO",
  LATE: "WARNING",
  FAILED: "ERROR",
  MISSING: "CRITICAL",
};

const troubled: BackupJobStatus[] = ["LATE", "FAILED", "MISSING"];

function flipType(from: BackupJobStatus, to: BackupJobStatus) {
  if (to === "OK" && troubled.includes(from)) return "backup.recovered";
  return `backup.${to.toLowerCase()}`;
}

export type BackupFlip = { jobId: string; from: BackupJobStatus; to: BackupJobStatus; reason: string };

/**
 * Brings a job's status and deadline in line with its facts. A status change is a
 * compare-and-swap on `statusVersion`: when two processes settle the same job at once only one
 * flips it, and that one alone writes the flip and raises its alert, in the same transaction.
 * Returns the flip, or null when nothing changed or another process got there first.
 */
export async function settleBackupJob(db: Db, job: BackupJob, now = new Date(), options: { lazyDeadline?: boolean } = {}): Promise<BackupFlip | null> {
  const next = evaluateBackupJob(job, now);
  if (next.status === job.status) {
    // A healthy job whose deadline moved later (a success ping) can wait: the deadline task
    // re-evaluates it when the old deadline passes, so a burst of pings writes the job once each.
    const lazy = options.lazyDeadline && next.status === "OK" && job.nextDeadlineAt !== null && next.nextDeadlineAt !== null && next.nextDeadlineAt >= job.nextDeadlineAt;
    if (!lazy && (next.nextDeadlineAt?.getTime() !== job.nextDeadlineAt?.getTime() || next.reason !== job.statusReason)) {
      await db.backupJob.updateMany({
        where: { id: job.id, statusVersion: job.statusVersion },
        data: { nextDeadlineAt: next.nextDeadlineAt, statusReason: next.reason },
      });
    }
    return null;
  }
  return db.$transaction(async (tx) => {
    const swapped = await tx.backupJob.updateMany({
      where: { id: job.id, statusVersion: job.statusVersion },
      data: {
        status: next.status,
        statusReason: next.reason,
        statusChangedAt: now,
        nextDeadlineAt: next.nextDeadlineAt,
        statusVersion: { increment: 1 },
      },
    });
    if (swapped.count === 0) return null;
    const alert = await raiseAlertWithin(tx, {
      sourceKind: "BACKUP_JOB",
      sourceId: job.id,
      type: flipType(job.status, next.status),
      severity: flipSeverity[next.status],
      category: "backup",
      title: `${job.name}: ${job.status} → ${next.status}`,
      description: next.reason,
      occurredAt: now,
    });
    await tx.backupStatusFlip.create({
      data: { jobId: job.id, fromStatus: job.status, toStatus: next.status, reason: next.reason, at: now, alertId: alert?.id ?? null },
    });
    const payload = { jobId: job.id, from: job.status, to: next.status, reason: next.reason, at: now };
    await publishWithin(tx, topics.backups, "job.status", payload);
    await publishWithin(tx, topics.backup(job.id), "job.status", payload);
    return { jobId: job.id, from: job.status, to: next.status, reason: next.reason };
  });
}

/** Settles every job whose deadline has passed: the time-driven half of the state machine. */
export async function settleDueBackupJobs(db: Db, now = new Date()): Promise<BackupFlip[]> {
  const due = await db.backupJob.findMany({ where: { nextDeadlineAt: { lte: now } } });
  const flips: BackupFlip[] = [];
  for (const job of due) {
    const flip = await settleBackupJob(db, job, now);
    if (flip) flips.push(flip);
  }
  return flips;
}
