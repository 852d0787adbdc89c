import { access, constants, stat } from "node:fs/promises";
import { Prisma } from "../generated/prisma/client";
import type { Db } from "../platform/db/client";
import { notFoundError, nameTakenError } from "../platform/errors";
import { enqueueJob } from "../platform/jobs/enqueue";
import { publish } from "../platform/live/publish";
import { topics } from "../platform/live/topics";
import { SCAN_QUEUE, SCAN_TASK } from "./scan-schedule";
import { backupJobInput, type BackupJobInput } from "./schemas";
import { settleBackupJob } from "./settle";
import type { BackupReason } from "./reasons";
import { locationProblem } from "./walk";

function toRow(input: BackupJobInput) {
  const job = backupJobInput.parse(input);
  return {
    ...job,
    intervalMinutes: job.scheduleKind === "INTERVAL" ? job.intervalMinutes! : null,
    cronExpression: job.scheduleKind === "CRON" ? job.cronExpression! : null,
    minSizeBytes: BigInt(job.minSizeBytes),
  };
}

async function assertNameFree(db: Db, name: string, exceptId?: string) {
  const other = await db.backupJob.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== exceptId) throw nameTakenError("backup_job", name, `A backup job named "${name}" already exists.`);
}

async function announce(db: Db, jobId: string) {
  await publish(db, topics.backups, "job.updated", { jobId });
  await publish(db, topics.backup(jobId), "job.updated", { jobId });
}

export async function createBackupJob(db: Db, input: BackupJobInput, now = new Date()) {
  const row = toRow(input);
  await assertNameFree(db, row.name);
  const job = await db.backupJob.create({ data: { ...row, status: row.paused ? "PAUSED" : "NEW", createdAt: now, statusChangedAt: now } });
  await settleBackupJob(db, job, now);
  await announce(db, job.id);
  // An operator who just described a job wants to know at once whether its artefacts are there.
  if (!job.paused) await requestScan(db, job.id);
  return db.backupJob.findUniqueOrThrow({ where: { id: job.id } });
}

/** Pause or resume one job, as its form would with only that box changed. */
export async function setBackupJobPaused(db: Db, id: string, paused: boolean, now = new Date()) {
  const job = await db.backupJob.findUnique({ where: { id } });
  if (!job) throw notFoundError("backup_job", "No such backup job.");
  const updated = await db.backupJob.update({ where: { id }, data: { paused } });
  await settleBackupJob(db, updated, now);
  await announce(db, id);
  if (!paused) await requestScan(db, id);
  return db.backupJob.findUniqueOrThrow({ where: { id } });
}

/** A new location or pattern starts afresh: the next scan compares nothing with the old one. */
export async function updateBackupJob(db: Db, id: string, input: BackupJobInput, now = new Date()) {
  const row = toRow(input);
  const before = await db.backupJob.findUnique({ where: { id } });
  if (!before) throw notFoundError("backup_job", "No such backup job.");
  await assertNameFree(db, row.name, id);
  const moved = before.location !== row.location || before.pattern !== row.pattern || before.recursive !== row.recursive;
  const job = await db.backupJob.update({
    where: { id },
    data: { ...row, ...(moved ? { scanFingerprint: null, locationError: Prisma.DbNull } : {}) },
  });
  await settleBackupJob(db, job, now);
  await announce(db, id);
  return db.backupJob.findUniqueOrThrow({ where: { id } });
}

export async function deleteBackupJob(db: Db, id: string) {
  const deleted = await db.backupJob.deleteMany({ where: { id } });
  if (!deleted.count) throw notFoundError("backup_job", "No such backup job.");
  await publish(db, topics.backups, "job.deleted", { jobId: id });
}

/** Whether this process can list `path`: the check behind the form's "readable?" button. */
export async function checkLocation(path: string): Promise<{ readable: true } | { readable: false; problem: BackupReason }> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return { readable: false, problem: { code: "location_not_directory", params: { path } } };
    await access(path, constants.R_OK | constants.X_OK);
    return { readable: true };
  } catch (err) {
    return { readable: false, problem: locationProblem(path, err as NodeJS.ErrnoException) };
  }
}

/**
 * Queues a scan of every job or one; the worker runs it after any scan already running. Returns the
 * scan and the live stream's position before it was queued: following the `backups` topic from
 * there misses none of its progress, however fast the scan ends.
 */
export async function requestScan(db: Db, jobId?: string) {
  if (jobId && !(await db.backupJob.findUnique({ where: { id: jobId }, select: { id: true } }))) {
    throw notFoundError("backup_job", "No such backup job.");
  }
  const [{ cursor }] = (await db.$queryRaw<{ cursor: string }[]>`SELECT COALESCE(max("id"), 0)::text AS cursor FROM "LiveEvent"`) as [{ cursor: string }];
  const scan = await db.$transaction(async (tx) => {
    const created = await tx.backupScan.create({ data: { trigger: "manual", jobId: jobId ?? null, status: "QUEUED" } });
    await enqueueJob(tx, SCAN_TASK, { trigger: "manual", scanId: created.id, jobId }, { queueName: SCAN_QUEUE });
    return created;
  });
  return { ...scan, liveCursor: cursor };
}
