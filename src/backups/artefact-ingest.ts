import type { Db } from "../platform/db/client";
import { withSqlTransaction } from "../platform/db/sql-transaction";
import type { BackupReason } from "./reasons";
import type { FoundFile } from "./walk";

export type SeenArtefact = { path: string; size: number; mtime: Date };

/** What one scan learned about one job's new artefacts, in constant space. */
export type NewArtefacts = {
  count: number;
  newest: SeenArtefact | null;
  newestValid: SeenArtefact | null;
  newestInvalid: (SeenArtefact & { reason: BackupReason }) | null;
};

const FLUSH_ROWS = 5_000;

const newer = <T extends SeenArtefact>(a: T | null, b: T) => (!a || b.mtime > a.mtime ? b : a);

function invalidReason(file: SeenArtefact, minSizeBytes: number): BackupReason | null {
  if (file.size === 0) return { code: "artefact_empty", params: { path: file.path } };
  if (file.size < minSizeBytes) return { code: "artefact_too_small", params: { path: file.path, size: file.size, minSize: minSizeBytes } };
  return null;
}

/** Batches written at once: PostgreSQL inserts while the walk goes on, and memory stays bounded. */
const IN_FLIGHT = 2;

/**
 * Records files as artefacts in batches across jobs (one INSERT per few thousand files), keeping
 * only what is new. Batches are written while the walk continues, a few at a time; memory stays
 * bounded by those batches, whatever the number of files.
 */
export class ArtefactIngest {
  private rows: { jobId: string; file: FoundFile }[] = [];
  private readonly minSize = new Map<string, number>();
  private readonly writing: Promise<void>[] = [];
  readonly byJob = new Map<string, NewArtefacts>();
  inserted = 0;

  constructor(private readonly db: Db) {}

  async add(job: { id: string; minSizeBytes: bigint }, files: FoundFile[]): Promise<void> {
    this.minSize.set(job.id, Number(job.minSizeBytes));
    for (const file of files) this.rows.push({ jobId: job.id, file });
    if (this.rows.length < FLUSH_ROWS) return;
    if (this.writing.length >= IN_FLIGHT) await this.writing.shift();
    this.start();
  }

  /** Writes what is pending and waits for every batch: the scan's facts need them all. */
  async flush(): Promise<void> {
    if (this.rows.length) this.start();
    const outcomes = await Promise.allSettled(this.writing.splice(0));
    const failed = outcomes.find((o) => o.status === "rejected");
    if (failed) throw failed.reason;
  }

  private start() {
    const written = this.write(this.rows);
    this.rows = [];
    // Awaited later (by add or flush); marked handled now so that a failure waits for that await.
    written.catch(() => {});
    this.writing.push(written);
  }

  private async write(rows: { jobId: string; file: FoundFile }[]): Promise<void> {
    const jobs = new Map(rows.map((r) => [r.jobId, this.minSize.get(r.jobId) ?? 0]));
    const files = JSON.stringify(rows.map((r) => ({ job: r.jobId, path: r.file.path, size: r.file.size, mtime: Math.trunc(r.file.mtimeMs) })));
    // What is new comes back summed up per job in the statement (its newest valid and newest
    // invalid artefact, and how many): a first scan's 100,000 rows are not read back. The rows go
    // as one JSON text: pg's array parameters cost the scan more CPU than PostgreSQL's insert.
    // Committed without waiting for the disk: the scan's facts, written after with a synchronous
    // commit, flush these too, and until they are written the next scan finds the same files again.
    const newest = await withSqlTransaction(this.db, async (tx) => {
      await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
      return tx.$queryRaw<{ jobId: string; path: string; size: bigint; mtime: Date; count: number }[]>`
        WITH fresh AS (
          INSERT INTO "BackupArtefact" ("jobId", "path", "size", "mtime")
          SELECT f.job, f.path, f.size, 'epoch'::timestamptz + f.mtime * interval '1 millisecond'
          FROM json_to_recordset(${files}::json) AS f(job text, path text, size bigint, mtime bigint)
          ON CONFLICT ("jobId", "path", "mtime") DO NOTHING
          RETURNING "jobId", "path", "size", "mtime"
        ), judged AS (
          SELECT f.*, f."size" > 0 AND f."size" >= m.min_size AS valid, count(*) OVER (PARTITION BY f."jobId")::int AS count
          FROM fresh f JOIN unnest(${[...jobs.keys()]}::text[], ${[...jobs.values()]}::bigint[]) AS m(id, min_size) ON m.id = f."jobId"
        )
        SELECT DISTINCT ON ("jobId", valid) "jobId", "path", "size", "mtime", valid, count
        FROM judged ORDER BY "jobId", valid, "mtime" DESC, "path" DESC`;
    });
    let counted = "";
    for (const row of newest) {
      const seen: SeenArtefact = { path: row.path, size: Number(row.size), mtime: row.mtime };
      const summary = this.byJob.get(row.jobId) ?? { count: 0, newest: null, newestValid: null, newestInvalid: null };
      // A job's count is on both of its rows.
      if (counted !== row.jobId) {
        summary.count += row.count;
        this.inserted += row.count;
        counted = row.jobId;
      }
      summary.newest = newer(summary.newest, seen);
      const reason = invalidReason(seen, jobs.get(row.jobId) ?? 0);
      if (reason) summary.newestInvalid = newer(summary.newestInvalid, { ...seen, reason });
      else summary.newestValid = newer(summary.newestValid, seen);
      this.byJob.set(row.jobId, summary);
    }
  }
}
