import type { Db } from "../platform/db/client";
import { withSqlTransaction } from "../platform/db/sql-transaction";
import { raiseAlert } from "../platform/alerts/alerts";
import { BASELINE_SAMPLES, isMuchLonger, isMuchSmaller } from "./rules";
import type { SeenArtefact } from "./artefact-ingest";

type JobRef = { id: string; artefactKey: number; name: string };

/**
 * Warns for each artefact much smaller than the median of the ones before it in its job. The
 * baselines of every job come in one query: a first scan checks a thousand jobs at once.
 */
export async function checkArtefactSizes(db: Db, artefacts: { job: JobRef; artefact: SeenArtefact }[], ratio: number): Promise<void> {
  if (!artefacts.length) return;
  // A thousand index probes that PostgreSQL's estimates price past `jit_above_cost`: compiling
  // them (on a server built with JIT, as Debian's is) costs several times running them.
  const baselines = await withSqlTransaction(db, async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<{ sizes: bigint[] }[]>`
    SELECT ARRAY(
      SELECT a."size" FROM "BackupArtefact" a WHERE a."jobKey" = i.key AND a."mtime" < i.mtime AND a."size" > 0 ORDER BY a."mtime" DESC LIMIT ${BASELINE_SAMPLES}
    ) AS sizes
    FROM unnest(${artefacts.map((a) => a.job.artefactKey)}::int[], ${artefacts.map((a) => a.artefact.mtime.toISOString())}::timestamptz[]) WITH ORDINALITY AS i(key, mtime, n)
    ORDER BY i.n`;
  });
  for (const [index, { job, artefact }] of artefacts.entries()) {
    const previous = baselines[index]!.sizes.map(Number);
    const small = isMuchSmaller(artefact.size, previous, ratio);
    if (!small) continue;
    await raiseAlert(db, {
      sourceKind: "BACKUP_JOB",
      sourceId: job.id,
      type: "backup.artefact_small",
      severity: "WARNING",
      category: "backup",
      params: { job: job.name, path: artefact.path, size: artefact.size, median: small.median, samples: previous.length },
      measuredValue: artefact.size,
      unit: "B",
      threshold: small.median * ratio,
      dedupKey: `backup:${job.id}:small:${artefact.path}:${artefact.mtime.toISOString()}`,
    });
  }
}

/** Warns when a run lasted much longer than the median of the runs before it. */
export async function checkRunDuration(db: Db, job: JobRef, durationMs: number, previous: number[], factor: number) {
  const long = isMuchLonger(durationMs, previous, factor);
  if (!long) return null;
  return raiseAlert(db, {
    sourceKind: "BACKUP_JOB",
    sourceId: job.id,
    type: "backup.run_long",
    severity: "WARNING",
    category: "backup",
    params: { job: job.name, durationS: Math.round(durationMs / 1000), medianS: Math.round(long.median / 1000), samples: previous.length },
    measuredValue: durationMs / 1000,
    unit: "s",
    threshold: (long.median * factor) / 1000,
  });
}
