/**
 * One backup scan in a process of its own, so its peak memory is the scanner's alone, after
 * warm-up scans of the jobs named "warm-up …" (removed before the timed scan). With
 * `--after-a-first-scan`, the process first scans every job in full and forgets it (see
 * forgetBackupScans): the timed scan is then a first scan in a process that has run one, as a
 * worker running for days has. Prints { ms, maxRssKb, rssBeforeKb, artefactsSeen, newArtefacts,
 * errors, flips } as JSON, flips counted by kind ("NEW → OK"). Usage: scan-once.ts <databaseUrl> [--after-a-first-scan]
 */
import pg from "pg";
import { runScanner } from "../../src/backups/scanner";
import type { BackupFlip } from "../../src/backups/settle";
import { createDb } from "../../src/platform/db/client";
import { forgetBackupScans } from "./backup-scans";

function countFlips(flips: BackupFlip[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { from, to } of flips) counts[`${from} → ${to}`] = (counts[`${from} → ${to}`] ?? 0) + 1;
  return counts;
}

const [url, mode] = process.argv.slice(2) as [string, string | undefined];
const db = createDb(url, { max: 4 });
// A worker scans every few minutes: by the time a location fills up, its process has compiled the
// scan's code and Prisma's queries (a process's first big scan spends about 0.8 s of CPU on that).
// Each warm-up job is scanned on its own, recording its artefacts and flipping it like the real
// scan does; then the warm-up jobs are removed so that the timed scan sees only the benchmark's.
const warmUp = await db.backupJob.findMany({ where: { name: { startsWith: "warm-up " } }, select: { id: true } });
for (const { id } of warmUp) await runScanner(db, { trigger: "manual", jobId: id });
await db.backupJob.deleteMany({ where: { id: { in: warmUp.map((j) => j.id) } } });
if (mode === "--after-a-first-scan") {
  await runScanner(db, { trigger: "manual" });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await forgetBackupScans(client);
  await client.end();
}
const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
const started = performance.now();
const summary = await runScanner(db, { trigger: "manual" });
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    ms,
    maxRssKb: process.resourceUsage().maxRSS,
    rssBeforeKb,
    artefactsSeen: summary.artefactsSeen,
    newArtefacts: summary.newArtefacts,
    errors: summary.errors.length,
    flips: countFlips(summary.flips),
  }),
);
await db.$disconnect();
