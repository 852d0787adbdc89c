import type { RawQueryable } from "../platform/db/sql-transaction";
import type { Prisma } from "../generated/prisma/client";
import { env } from "../platform/env";
import { enqueueJob } from "../platform/jobs/enqueue";

export const SCAN_TASK = "backup_scan" as const;
/** The one scheduled scan's job key: adding it again never makes a second schedule. */
export const SCHEDULED_SCAN_KEY = "backup_scan:schedule";
/** Scheduled and manual scans share a graphile-worker queue, which runs its jobs one at a time. */
export const SCAN_QUEUE = "backup-scans";

/** The setting wins when set (> 0); otherwise the deployment's default (SCANNER_INTERVAL_MINUTES). */
export function scanIntervalMs(settingMinutes: number, defaultMinutes = env().SCANNER_INTERVAL_MINUTES): number {
  return (settingMinutes > 0 ? settingMinutes : defaultMinutes) * 60_000;
}

/**
 * Makes sure the scheduled scan exists. Idempotent: when it is already queued its planned time is
 * kept, so a second start (another worker, a restart) neither duplicates nor delays it.
 */
export async function startScanSchedule(db: RawQueryable, runAt = new Date()): Promise<void> {
  await enqueueJob(db, SCAN_TASK, { trigger: "schedule" }, { jobKey: SCHEDULED_SCAN_KEY, jobKeyMode: "preserve_run_at", queueName: SCAN_QUEUE, runAt });
}

/** Removes the scheduled scan; harmless when there is none. */
export async function stopScanSchedule(db: RawQueryable): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.remove_job(${SCHEDULED_SCAN_KEY})`;
}

/** Plans the scheduled scan at `runAt`, replacing any plan already queued. */
export async function planScan(db: RawQueryable, runAt: Date): Promise<void> {
  await enqueueJob(db, SCAN_TASK, { trigger: "schedule" }, { jobKey: SCHEDULED_SCAN_KEY, jobKeyMode: "replace", queueName: SCAN_QUEUE, runAt });
}

/**
 * When the scan after one due at `dueAt` runs: one interval later. A run that was merely late
 * keeps the rhythm; after an outage longer than an interval the missed runs are coalesced into
 * the one that just ran, and the next comes one interval from now (no burst of catch-up runs).
 */
export function nextScanAt(dueAt: Date, intervalMs: number, now: Date): Date {
  const next = dueAt.getTime() + intervalMs;
  return new Date(next > now.getTime() ? next : now.getTime() + intervalMs);
}

/** A new interval applies at once: the next scan moves to one new interval after the last one. */
export async function rescheduleScan(tx: Prisma.TransactionClient, settingMinutes: number, now = new Date()): Promise<void> {
  const last = await tx.backupScan.findFirst({
    where: { trigger: "schedule", startedAt: { not: null } },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  const due = last?.startedAt ? last.startedAt.getTime() + scanIntervalMs(settingMinutes) : now.getTime();
  await planScan(tx, new Date(Math.max(due, now.getTime())));
}
