import { allFinished } from "../platform/all-finished";
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

/** A job as the ingest needs it: its key, its minimum size, and whether any artefact of it was ever recorded. */
export type IngestedJob = { id: string; artefactKey: number; minSizeBytes: bigint; latestArtefactAt: Date | null };

/** A chunk of one job's files, as the walk found them: a batch holds a few of these rather than an object per file. */
type JobFiles = { jobKey: number; files: FoundFiles };
type SeenArtefactOf = { jobKey: number; artefact: SeenArtefact };

const FLUSH_ROWS = 5_000;

/** Batches written at once: PostgreSQL inserts while the walk goes on, and memory stays bounded. */
const IN_FLIGHT = 2;

/** Whether an artefact at `mtimeMs` named `path` comes before `than`: newest first, then by path, as the job page orders them. */
const isNewer = (than: SeenArtefact | null, path: string, mtimeMs: number) =>
  !than || mtimeMs > than.mtime.getTime() || (mtimeMs === than.mtime.getTime() && path > than.path);

/** Columns of `batch` as unnest's arrays: job key, path, size, mtime in whole milliseconds (as stored). */
function columns(batch: JobFiles[]) {
  const jobKeys: number[] = [];
  const paths: string[] = [];
  const sizes: number[] = [];
  const mtimes: number[] = [];
  for (const { jobKey, files } of batch)
    for (let i = 0; i < files.paths.length; i++) {
      jobKeys.push(jobKey);
      paths.push(files.paths[i]!);
      sizes.push(files.sizes[i]!);
      mtimes.push(Math.trunc(files.mtimes[i]!));
    }
  return [jobKeys, paths, sizes, mtimes] as const;
}

/**
 * Records files as artefacts in batches across jobs (a statement per few thousand files), keeping
 * only what is new. Batches are written while the walk continues, a few at a time; memory stays
 * bounded by those batches, whatever the number of files.
 */
export class ArtefactIngest {
  private batch: JobFiles[] = [];
  private batchFiles = 0;
  /** The jobs added, by artefact key. */
  private readonly jobs = new Map<number, { id: string; minSize: number; firstArtefacts: boolean }>();
  private readonly writing: Promise<void>[] = [];
  readonly byJob = new Map<string, NewArtefacts>();
  inserted = 0;

  constructor(private readonly db: Db) {}

  async add(job: IngestedJob, chunks: FoundFiles[]): Promise<void> {
    this.jobs.set(job.artefactKey, { id: job.id, minSize: Number(job.minSizeBytes), firstArtefacts: job.latestArtefactAt === null });
    for (const files of chunks) {
      if (!files.paths.length) continue;
      this.batch.push({ jobKey: job.artefactKey, files });
      this.batchFiles += files.paths.length;
    }
    if (this.batchFiles < FLUSH_ROWS) return;
    if (this.writing.length >= IN_FLIGHT) await this.writing.shift();
    this.start();
  }

  /** Writes what is pending and waits for every batch: the scan's facts need them all. */
  async flush(): Promise<void> {
    if (this.batchFiles) this.start();
    await allFinished(this.writing.splice(0));
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
        const keys = [...new Set(batch.map((b) => b.jobKey))];
        const locked = await tx.$queryRaw<{ key: number }[]>`
          SELECT "artefactKey" AS "key" FROM "BackupJob" WHERE "artefactKey" = ANY(${keys}::int[]) FOR KEY SHARE`;
        const live = new Set(locked.map((j) => j.key));
        const first: JobFiles[] = [];
        const later: JobFiles[] = [];
        for (const files of batch) if (live.has(files.jobKey)) (this.jobs.get(files.jobKey)!.firstArtefacts ? first : later).push(files);
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
    for (const { jobKey, files } of first)
      for (let i = 0; i < files.paths.length; i++) this.consider(jobKey, files.paths[i]!, files.sizes[i]!, Math.trunc(files.mtimes[i]!));
    for (const { jobKey, artefact } of later) this.consider(jobKey, artefact.path, artefact.size, artefact.mtime.getTime());
  }

  /**
   * Files of jobs with artefacts already: only the new ones count, summed up per job in the
   * statement (its newest valid and newest invalid artefact, and how many).
   */
  private async insertLater(tx: SqlTransaction, batch: JobFiles[]) {
    if (!batch.length) return { later: [], laterInserted: 0 };
    const [jobKeys, paths, sizes, mtimes] = columns(batch);
    const keys = [...new Set(jobKeys)];
    const minSizes = keys.map((key) => this.jobs.get(key)!.minSize);
    const newest = await tx.$queryRaw<{ jobKey: number; path: string; size: bigint; mtime: Date; count: number }[]>`
      WITH fresh AS (
        INSERT INTO "BackupArtefact" ("jobKey", "path", "size", "mtime")
        SELECT f.job, f.path, f.size, 'epoch'::timestamptz + f.mtime * interval '1 millisecond'
        FROM unnest(${jobKeys}::int[], ${paths}::text[], ${sizes}::bigint[], ${mtimes}::bigint[]) AS f(job, path, size, mtime)
        ON CONFLICT ("jobKey", "path", "mtime") DO NOTHING
        RETURNING "jobKey", "path", "size", "mtime"
      ), judged AS (
        SELECT f.*, f."size" > 0 AND f."size" >= m.min_size AS valid, count(*) OVER (PARTITION BY f."jobKey")::int AS count
        FROM fresh f JOIN unnest(${keys}::int[], ${minSizes}::bigint[]) AS m(key, min_size) ON m.key = f."jobKey"
      )
      SELECT DISTINCT ON ("jobKey", valid) "jobKey", "path", "size", "mtime", valid, count
      FROM judged ORDER BY "jobKey", valid, "mtime" DESC, "path" DESC`;
    let laterInserted = 0;
    let counted = -1;
    for (const row of newest) {
      // A job's count is on both of its rows.
      if (counted !== row.jobKey) laterInserted += row.count;
      counted = row.jobKey;
    }
    return { later: newest.map((r) => ({ jobKey: r.jobKey, artefact: { path: r.path, size: Number(r.size), mtime: r.mtime } })), laterInserted };
  }

  /** Folds one new artefact into its job's summary; objects are made only for the newest so far. */
  private consider(jobKey: number, path: string, size: number, mtimeMs: number) {
    const { id, minSize } = this.jobs.get(jobKey)!;
    let summary = this.byJob.get(id);
    if (!summary) {
      summary = { newest: null, newestValid: null, newestInvalid: null };
      this.byJob.set(id, summary);
    }
    if (isNewer(summary.newest, path, mtimeMs)) summary.newest = { path, size, mtime: new Date(mtimeMs) };
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
  for (const { jobKey, files } of batch)
    for (let i = 0; i < files.paths.length; i++) data.row(4).int4(jobKey).text(files.paths[i]!).int8(files.sizes[i]!).timestampMs(Math.trunc(files.mtimes[i]!));
  return tx.copyFrom(`COPY "BackupArtefact" ("jobKey", "path", "size", "mtime") FROM STDIN (FORMAT binary)`, data.finish());
}

/** The same rows when some are recorded already (COPY refused them): those are skipped and count as seen. */
async function insertFirstArtefacts(tx: SqlTransaction, batch: JobFiles[]): Promise<number> {
  if (!batch.length) return 0;
  const [jobKeys, paths, sizes, mtimes] = columns(batch);
  return tx.$executeRaw`
    INSERT INTO "BackupArtefact" ("jobKey", "path", "size", "mtime")
    SELECT f.job, f.path, f.size, 'epoch'::timestamptz + f.mtime * interval '1 millisecond'
    FROM unnest(${jobKeys}::int[], ${paths}::text[], ${sizes}::bigint[], ${mtimes}::bigint[]) AS f(job, path, size, mtime)
    ON CONFLICT ("jobKey", "path", "mtime") DO NOTHING`;
}
