import type { Db } from "../server/db/client";
import { raiseAlert } from "../server/alerts/alerts";
import { formatBytes } from "../lib/format";
import { BASELINE_SAMPLES, isMuchLonger, isMuchSmaller } from "./rules";
import type { SeenArtefact } from "./artefact-ingest";

type JobRef = { id: string; name: string };

/** Warns when an artefact is much smaller than the median of the ones before it. */
export async function checkArtefactSize(db: Db, job: JobRef, artefact: SeenArtefact, ratio: number) {
  const previous = await db.backupArtefact.findMany({
    where: { jobId: job.id, mtime: { lt: artefact.mtime }, size: { gt: 0 } },
    orderBy: { mtime: "desc" },
    take: BASELINE_SAMPLES,
    select: { size: true },
  });
  const small = isMuchSmaller(artefact.size, previous.map((p) => Number(p.size)), ratio);
  if (!small) return null;
  return raiseAlert(db, {
    sourceKind: "BACKUP_JOB",
    sourceId: job.id,
    type: "backup.artefact_small",
    severity: "WARNING",
    category: "backup",
    title: `${job.name}: artefact much smaller than usual`,
    description: `${artefact.path} is ${formatBytes(artefact.size, "en")}; the median of the previous ${previous.length} is ${formatBytes(small.median, "en")}.`,
    measuredValue: artefact.size,
    unit: "B",
    threshold: small.median * ratio,
    dedupKey: `backup:${job.id}:small:${artefact.path}:${artefact.mtime.toISOString()}`,
  });
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
    title: `${job.name}: run much longer than usual`,
    description: `The run took ${Math.round(durationMs / 1000)} s; the median of the previous ${previous.length} is ${Math.round(long.median / 1000)} s.`,
    measuredValue: durationMs / 1000,
    unit: "s",
    threshold: (long.median * factor) / 1000,
  });
}
