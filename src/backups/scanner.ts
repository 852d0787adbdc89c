import { createHash } from "node:crypto";
import { allFinished } from "../platform/all-finished";
import type { Db } from "../platform/db/client";
import { withSqlTransaction } from "../platform/db/sql-transaction";
import type { BackupJob } from "../generated/prisma/client";
import { publish, publishToEach } from "../platform/live/publish";
import { topics } from "../platform/live/topics";
import { getSetting } from "../platform/settings/settings";
import { ArtefactIngest } from "./artefact-ingest";
import { checkArtefactSizes } from "./anomalies";
import { recordScanFacts, scanChangedFacts } from "./job-facts";
import { backupSettings } from "./settings";
import { settleBackupJobs, type BackupFlip } from "./settle";
import { LocationWalks } from "./location-walks";
import { type FoundFiles, LocationError } from "./walk";
import type { BackupReason } from "./reasons";

export type ScanRequest = { trigger: "schedule" | "manual"; scanId?: string; jobId?: string };
export type ScanJobError = { jobId: string; job: string; reason: BackupReason };
export type ScanSummary = {
  scanId: string;
  jobsScanned: number;
  artefactsSeen: number;
  newArtefacts: number;
  errors: ScanJobError[];
  flips: BackupFlip[];
};

/** Files of one job held back until its fingerprint says whether anything changed. */
const HOLD_LIMIT = 10_000;
const PROGRESS_EVERY_MS = 250;

type LocationScan = { fingerprint: string | null; locationError: BackupReason | null; files: number };

/** What the fingerprint hashes of a chunk: each file's path, size and mtime. */
function fingerprintText({ paths, sizes, mtimes }: FoundFiles): string {
  let text = "";
  for (let i = 0; i < paths.length; i++) text += `${paths[i]}\0${sizes[i]}\0${mtimes[i]}\n`;
  return text;
}

/**
 * Walks one job's location. An unchanged fingerprint (same files, sizes and mtimes) means no new
 * artefact, and nothing is written; beyond HOLD_LIMIT files they are ingested as they come.
 */
async function scanLocation(job: BackupJob, chunks: AsyncIterable<FoundFiles>, ingest: ArtefactIngest): Promise<LocationScan> {
  const hash = createHash("sha1");
  let held: FoundFiles[] = [];
  let streaming = false;
  let files = 0;
  try {
    for await (const chunk of chunks) {
      hash.update(fingerprintText(chunk));
      files += chunk.paths.length;
      if (streaming) await ingest.add(job, [chunk]);
      else {
        held.push(chunk);
        if (files > HOLD_LIMIT) {
          streaming = true;
          await ingest.add(job, held);
          held = [];
        }
      }
    }
  } catch (err) {
    if (err instanceof LocationError) return { fingerprint: null, locationError: err.reason, files };
    throw err;
  }
  const fingerprint = `${files}:${hash.digest("base64url")}`;
  if (!streaming && fingerprint !== job.scanFingerprint) await ingest.add(job, held);
  return { fingerprint, locationError: null, files };
}

/** Walks the locations of `jobs` in order, their files going to `ingest`, and calls `onScanned` after each. */
async function scanLocations(
  jobs: BackupJob[],
  ingest: ArtefactIngest,
  onScanned: (job: BackupJob, result: LocationScan) => Promise<void>,
): Promise<Map<string, LocationScan>> {
  const scanned = new Map<string, LocationScan>();
  if (!jobs.length) return scanned;
  const walks = new LocationWalks(jobs.map((job) => ({ root: job.location, pattern: job.pattern, recursive: job.recursive })));
  try {
    for (const [index, job] of jobs.entries()) {
      const result = await scanLocation(job, walks.walk(index), ingest);
      scanned.set(job.id, result);
      await onScanned(job, result);
    }
  } finally {
    await walks.close();
  }
  return scanned;
}

/**
 * One scan of every job (or one): walk each location, record new artefacts, update the jobs'
 * facts and settle their status. A job whose location fails is recorded as such and the scan goes
 * on; the scan run itself is recorded, with its progress published on the `backups` topic.
 */
export async function runScanner(db: Db, request: ScanRequest, now: () => Date = () => new Date()): Promise<ScanSummary> {
  const startedAt = now();
  const scan = request.scanId
    ? await db.backupScan.update({ where: { id: request.scanId }, data: { status: "RUNNING", startedAt } })
    : await db.backupScan.create({ data: { trigger: request.trigger, jobId: request.jobId ?? null, status: "RUNNING", startedAt } });
  const errors: ScanJobError[] = [];
  const progress = { scanId: scan.id, jobId: scan.jobId, jobsDone: 0, jobsTotal: 0, artefactsSeen: 0 };
  let lastProgressAt = 0;
  const announce = async (force = false) => {
    if (!force && Date.now() - lastProgressAt < PROGRESS_EVERY_MS) return;
    lastProgressAt = Date.now();
    await publish(db, topics.backups, "scan.progress", progress);
  };
  try {
    // Read as plain rows: Prisma's mapping of a thousand jobs costs more than the query.
    const jobs = await withSqlTransaction(
      db,
      (tx) => tx.$queryRaw<BackupJob[]>`SELECT * FROM "BackupJob" WHERE ${scan.jobId}::text IS NULL OR "id" = ${scan.jobId} ORDER BY "name"`,
    );
    progress.jobsTotal = jobs.length;
    await announce(true);
    const ingest = new ArtefactIngest(db);
    const walked = jobs.filter((job) => !job.paused);
    const scanned = await scanLocations(walked, ingest, async (job, result) => {
      progress.artefactsSeen += result.files;
      if (result.locationError) errors.push({ jobId: job.id, job: job.name, reason: result.locationError });
      progress.jobsDone++;
      await announce();
    });
    progress.jobsDone = jobs.length;
    await ingest.flush();

    // Facts, statuses, alerts and events for every job in a handful of statements: a first scan
    // flips a thousand jobs, one transaction each would cost far more than the walk.
    const smallRatio = await getSetting(db, backupSettings.smallArtefactRatio);
    const settledAt = now();
    const learned = jobs.flatMap((job) => {
      const location = scanned.get(job.id);
      return location ? [{ job, locationError: location.locationError, fingerprint: location.fingerprint, fresh: ingest.byJob.get(job.id) }] : [];
    });
    // Facts and statuses commit together: a job's row never shows new facts under an old status.
    // The size check reads artefacts only: it runs beside them, on a connection of its own.
    const [flips] = await allFinished([
      withSqlTransaction(db, async (tx) => {
        const updated = new Map((await recordScanFacts(tx, learned, settledAt)).map((job) => [job.id, job]));
        return settleBackupJobs(
          tx,
          jobs.map((job) => updated.get(job.id) ?? job),
          settledAt,
        );
      }),
      checkArtefactSizes(
        db,
        learned.flatMap((s) => (s.fresh?.newestValid ? [{ job: s.job, artefact: s.fresh.newestValid }] : [])),
        smallRatio,
      ),
    ]);
    const flipped = new Set(flips.map((f) => f.jobId));
    const quietlyChanged = learned.filter((s) => scanChangedFacts(s) && !flipped.has(s.job.id)).map((s) => s.job.id);
    if (quietlyChanged.length)
      await publishToEach(
        db,
        quietlyChanged.map(topics.backup),
        "job.updated",
        quietlyChanged.map((jobId) => ({ jobId })),
      );

    const summary: ScanSummary = {
      scanId: scan.id,
      jobsScanned: scanned.size,
      artefactsSeen: progress.artefactsSeen,
      newArtefacts: ingest.inserted,
      errors,
      flips,
    };
    await db.backupScan.update({
      where: { id: scan.id },
      data: {
        status: "COMPLETED",
        finishedAt: now(),
        jobsScanned: summary.jobsScanned,
        artefactsSeen: summary.artefactsSeen,
        newArtefacts: summary.newArtefacts,
        errorCount: errors.length,
        errors,
      },
    });
    await publish(db, topics.backups, "scan.completed", {
      ...progress,
      newArtefacts: summary.newArtefacts,
      errors: errors.length,
      changed: ingest.byJob.size + flips.length,
    });
    return summary;
  } catch (err) {
    const message = (err as Error).message;
    await db.backupScan
      .update({
        where: { id: scan.id },
        data: {
          status: "FAILED",
          finishedAt: now(),
          errorCount: errors.length + 1,
          errors: [...errors, { jobId: "", job: "", reason: { code: "reported", params: { message } } }],
        },
      })
      .catch(() => {});
    await publish(db, topics.backups, "scan.failed", { ...progress, message }).catch(() => {});
    throw err;
  }
}
