import { BinaryCopyRows } from "../platform/db/binary-copy";
import type { Db } from "../platform/db/client";
import { postgresErrorCode } from "../platform/db/pg-error";
import { type SqlTransaction, withSqlTransaction } from "../platform/db/sql-transaction";
import type { BackupReason } from "./reasons";
import type { FoundFiles } from "./walk";

export type SeenArtefact = { path: string; size: number; mtime: Date };

/** What one scan learned about one job's new artefacts, in constant space. */
export type NewArtefacts = {
  newest: SeenArtefact | null;
  newestValid: SeenArtefact | null;
  newestInvalid: (SeenArtefact & { reason: BackupReason }) | null;
};

/** A job as the ingest needs it: its minimum size, and whether any artefact of it was ever recorded. */
export type IngestedJob = { id: string; minSizeBytes: bigint; latestArtefactAt: Date | null };

/** A chunk of one job's files, as the walk found them: a batch holds a few of these rather than an object per file. */
type JobFiles = { jobId: string; files: FoundFiles };
type SeenArtefactOf = { jobId: string; artefact: SeenArtefact };

const FLUSH_ROWS = 5_000;

/** Batches written at once: PostgreSQL inserts while the walk goes on, and memory stays bounded. */
const IN_FLIGHT = 2;

/** Whether an artefact at `mtimeMs` named `path` comes before `than`: newest first, then by path, as the job page orders them. */
const isNewer = (than: SeenArtefact | null, path: string, mtimeMs: number) =>
  !than || mtimeMs > than.mtime.getTime() || (mtimeMs === than.mtime.getTime() && path > than.path);

/** Columns of `batch` as unnest's arrays: jobId, path, size, mtime in whole milliseconds (as stored). */
function columns(batch: JobFiles[]) {
  const jobIds: string[] = [];
  const paths: string[] = [];
  const sizes: number[] = [];
  const mtimes: number[] = [];
  for (const { jobId, files } of batch)
    for (let i = 0; i < files.paths.length; i++) {
      jobIds.push(jobId);
      paths.push(files.paths[i]!);
      sizes.push(files.sizes[i]!);
      mtimes.push(Math.trunc(files.mtimes[i]!));
    }
  return [jobIds, paths, sizes, mtimes] as const;
}

/**
 * Records files as artefacts in batches across jobs (a statement per few thousand files), keeping
 * only what is new. Batches are written while the walk continues, a few at a time; memory stays
 * bounded by those batches, whatever the number of files.
 */
export class ArtefactIngest {
  private batch: JobFiles[] = [];
  private batchFiles = 0;
  private readonly jobs = new Map<string, { minSize: number; firstArtefacts: boolean }>();
  private readonly writing: Promise<void>[] = [];
  readonly byJob = new Map<string, NewArtefacts>();
  inserted = 0;

  constructor(private readonly db: Db) {}

  async add(job: IngestedJob, chunks: FoundFiles[]): Promise<void> {
    this.jobs.set(job.id, { minSize: Number(job.minSizeBytes), firstArtefacts: job.latestArtefactAt === null });
    for (const files of chunks) {
      if (!files.paths.length) continue;
      this.batch.push({ jobId: job.id, files });
      this.batchFiles += files.paths.length;
    }
    if (this.batchFiles < FLUSH_ROWS) return;
    if (this.writing.length >= IN_FLIGHT) await this.writing.shift();
    this.start();
  }

  /** Writes what is pending and waits for every batch: the scan's facts need them all. */
  async flush(): Promise<void> {
    if (this.batchFiles) this.start();
    const outcomes = await Promise.allSettled(this.writing.splice(0));
    const failed = outcomes.find((o) => o.status === "rejected");
    if (failed) throw failed.reason;
  }

  private start() {
    const written = this.write(this.batch);
    this.batch = [];
    this.batchFiles = 0;
    // Awaited later (by add or flush); marked handled now so that a failure waits for that await.
    written.catch(() => {});
    this.writing.push(written);
  }

  /**
   * One batch in one transaction. Its jobs are locked once (FOR KEY SHARE, as a foreign key would
   * per row) and files of a job deleted meanwhile are dropped. Committed without waiting for the
   * disk: the scan's facts, written after with a synchronous commit, flush these too, and until
   * they are written the next scan finds the same files again.
   */
  private async write(batch: JobFiles[], copyFirst = true): Promise<void> {
    let outcome: { first: JobFiles[]; firstInserted: number; later: SeenArtefactOf[]; laterInserted: number };
    try {
      outcome = await withSqlTransaction(this.db, async (tx) => {
        await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
        const ids = [...new Set(batch.map((b) => b.jobId))];
        const live = new Set(
          (await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "BackupJob" WHERE "id" = ANY(${ids}::text[]) FOR KEY SHARE`).map((j) => j.id),
        );
        const first: JobFiles[] = [];
        const later: JobFiles[] = [];
        for (const files of batch) if (live.has(files.jobId)) (this.jobs.get(files.jobId)!.firstArtefacts ? first : later).push(files);
        const firstInserted = copyFirst ? await copyFirstArtefacts(tx, first) : await insertFirstArtefacts(tx, first);
        return { first, firstInserted, ...(await this.insertLater(tx, later)) };
      });
    } catch (err) {
      // Files recorded already by a scan that died before writing its facts: COPY refuses the
      // batch, written again with an insert that skips them.
      if (copyFirst && postgresErrorCode(err) === "23505") return this.write(batch, false);
      throw err;
    }
    this.inserted += outcome.firstInserted + outcome.laterInserted;
    this.considerAll(outcome.first, outcome.later);
  }

  /** Folds a written batch into its jobs' summaries: every file of a first batch, the newest of the others. */
  private considerAll(first: JobFiles[], later: SeenArtefactOf[]) {
    for (const { jobId, files } of first)
      for (let i = 0; i < files.paths.length; i++) this.consider(jobId, files.paths[i]!, files.sizes[i]!, Math.trunc(files.mtimes[i]!));
    for (const { jobId, artefact } of later) this.consider(jobId, artefact.path, artefact.size, artefact.mtime.getTime());
  }

  /**
   * Files of jobs with artefacts already: only the new ones count, summed up per job in the
   * statement (its newest valid and newest invalid artefact, and how many).
   */
  private async insertLater(tx: SqlTransaction, batch: JobFiles[]) {
    if (!batch.length) return { later: [], laterInserted: 0 };
    const [jobIds, paths, sizes, mtimes] = columns(batch);
    const ids = [...new Set(jobIds)];
    const minSizes = ids.map((id) => this.jobs.get(id)!.minSize);
    const newest = await tx.$queryRaw<{ jobId: string; path: string; size: bigint; mtime: Date; count: number }[]>`
      WITH fresh AS (
        INSERT INTO "BackupArtefact" ("jobId", "path", "size", "mtime")
        SELECT f.job, f.path, f.size, 'epoch'::timestamptz + f.mtime * interval '1 millisecond'
        FROM unnest(${jobIds}::text[], ${paths}::text[], ${sizes}::bigint[], ${mtimes}::bigint[]) AS f(job, path, size, mtime)
        ON CONFLICT ("jobId", "path", "mtime") DO NOTHING
        RETURNING "jobId", "path", "size", "mtime"
      ), judged AS (
        SELECT f.*, f."size" > 0 AND f."size" >= m.min_size AS valid, count(*) OVER (PARTITION BY f."jobId")::int AS count
        FROM fresh f JOIN unnest(${ids}::text[], ${minSizes}::bigint[]) AS m(id, min_size) ON m.id = f."jobId"
      )
      SELECT DISTINCT ON ("jobId", valid) "jobId", "path", "size", "mtime", valid, count
      FROM judged ORDER BY "jobId", valid, "mtime" DESC, "path" DESC`;
    let laterInserted = 0;
    let counted = "";
    for (const row of newest) {
      // A job's count is on both of its rows.
      if (counted !== row.jobId) laterInserted += row.count;
      counted = row.jobId;
    }
    return { later: newest.map((r) => ({ jobId: r.jobId, artefact: { path: r.path, size: Number(r.size), mtime: r.mtime } })), laterInserted };
  }

  /** Folds one new artefact into its job's summary; objects are made only for the newest so far. */
  private consider(jobId: string, path: string, size: number, mtimeMs: number) {
    let summary = this.byJob.get(jobId);
    if (!summary) {
      summary = { newest: null, newestValid: null, newestInvalid: null };
      this.byJob.set(jobId, summary);
    }
    if (isNewer(summary.newest, path, mtimeMs)) summary.newest = { path, size, mtime: new Date(mtimeMs) };
    const minSize = this.jobs.get(jobId)!.minSize;
    if (size > 0 && size >= minSize) {
      if (isNewer(summary.newestValid, path, mtimeMs)) summary.newestValid = { path, size, mtime: new Date(mtimeMs) };
    } else if (isNewer(summary.newestInvalid, path, mtimeMs)) {
      const reason: BackupReason = size === 0 ? { code: "artefact_empty", params: { path } } : { code: "artefact_too_small", params: { path, size, minSize } };
      summary.newestInvalid = { path, size, mtime: new Date(mtimeMs), reason };
    }
  }
}

/**
 * Files of jobs that never had an artefact recorded (a first scan's 100,000), by binary COPY: all
 * of them are the job's news, so nothing is read back and they are summed up by the caller.
 * COPY costs PostgreSQL about half what an INSERT of the same rows does.
 */
async function copyFirstArtefacts(tx: SqlTransaction, batch: JobFiles[]): Promise<number> {
  if (!batch.length) return 0;
  const data = new BinaryCopyRows();
  for (const { jobId, files } of batch) {
    const id = Buffer.from(jobId);
    for (let i = 0; i < files.paths.length; i++) data.row(4).bytes(id).text(files.paths[i]!).int8(files.sizes[i]!).timestampMs(Math.trunc(files.mtimes[i]!));
  }
  return tx.copyFrom(`COPY "BackupArtefact" ("jobId", "path", "size", "mtime") FROM STDIN (FORMAT binary)`, data.finish());
}

/** The same rows when some are recorded already (COPY refused them): those are skipped and count as seen. */
async function insertFirstArtefacts(tx: SqlTransaction, batch: JobFiles[]): Promise<number> {
  if (!batch.length) return 0;
  const [jobIds, paths, sizes, mtimes] = columns(batch);
  return tx.$executeRaw`
    INSERT INTO "BackupArtefact" ("jobId", "path", "size", "mtime")
    SELECT f.job, f.path, f.size, 'epoch'::timestamptz + f.mtime * interval '1 millisecond'
    FROM unnest(${jobIds}::text[], ${paths}::text[], ${sizes}::bigint[], ${mtimes}::bigint[]) AS f(job, path, size, mtime)
    ON CONFLICT ("jobId", "path", "mtime") DO NOTHING`;
}
