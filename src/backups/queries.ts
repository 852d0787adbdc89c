import type { Db } from "../platform/db/client";
import { type BackupReason, storedReason } from "./reasons";
import { notFoundError } from "../platform/errors";

const SPARKLINE_POINTS = 20;

/** Every job with its latest artefact sizes (oldest first) for the list's sparkline. */
export async function listBackupJobs(db: Db) {
  const jobs = await db.backupJob.findMany({ orderBy: { name: "asc" } });
  const sizes = await db.$queryRaw<{ jobId: string; sizes: bigint[] }[]>`
    SELECT j."id" AS "jobId", coalesce(array_agg(a."size" ORDER BY a."mtime") FILTER (WHERE a."size" IS NOT NULL), '{}') AS "sizes"
    FROM "BackupJob" j
    LEFT JOIN LATERAL (
      SELECT "size", "mtime" FROM "BackupArtefact" WHERE "jobKey" = j."artefactKey" ORDER BY "mtime" DESC LIMIT ${SPARKLINE_POINTS}
    ) a ON true
    GROUP BY j."id"`;
  const byJob = new Map(sizes.map((s) => [s.jobId, s.sizes.map(Number)]));
  return jobs.map((job) => ({ ...job, recentSizes: byJob.get(job.id) ?? [] }));
}

export async function getBackupJob(db: Db, id: string) {
  const job = await db.backupJob.findUnique({ where: { id } });
  if (!job) throw notFoundError("backup_job", "No such backup job.");
  return job;
}

export type TimelineEntry =
  | { kind: "artefact"; at: Date; path: string; size: number; firstSeenAt: Date }
  | { kind: "run"; at: Date; outcome: string; exitCode: number | null; durationMs: number | null; startedAt: Date | null; log: string | null }
  | { kind: "flip"; at: Date; from: string; to: string; reason: BackupReason };

/** Artefacts, runs and status flips of one job, newest first, and the size series for its chart. */
export async function backupJobTimeline(db: Db, id: string, limit: number) {
  const job = await getBackupJob(db, id);
  const [artefacts, runs, flips, series] = await Promise.all([
    db.backupArtefact.findMany({ where: { jobKey: job.artefactKey }, orderBy: { mtime: "desc" }, take: limit }),
    db.backupRun.findMany({ where: { jobId: id }, orderBy: [{ finishedAt: { sort: "desc", nulls: "first" } }], take: limit }),
    db.backupStatusFlip.findMany({ where: { jobId: id }, orderBy: { at: "desc" }, take: limit }),
    db.backupArtefact.findMany({ where: { jobKey: job.artefactKey }, orderBy: { mtime: "desc" }, take: 500, select: { mtime: true, size: true } }),
  ]);
  const entries: TimelineEntry[] = [
    ...artefacts.map((a) => ({ kind: "artefact" as const, at: a.mtime, path: a.path, size: Number(a.size), firstSeenAt: a.firstSeenAt })),
    ...runs.map((r) => ({
      kind: "run" as const,
      at: r.finishedAt ?? r.startedAt ?? new Date(0),
      outcome: r.outcome,
      exitCode: r.exitCode,
      durationMs: r.durationMs,
      startedAt: r.startedAt,
      log: r.log,
    })),
    ...flips.map((f) => ({ kind: "flip" as const, at: f.at, from: f.fromStatus, to: f.toStatus, reason: storedReason(f.reason) })),
  ];
  entries.sort((a, b) => b.at.getTime() - a.at.getTime());
  return {
    entries: entries.slice(0, limit),
    sizes: series.reverse().map((s) => ({ at: s.mtime, size: Number(s.size) })),
  };
}

export function listBackupScans(db: Db, limit: number) {
  return db.backupScan.findMany({ orderBy: { requestedAt: "desc" }, take: limit });
}
