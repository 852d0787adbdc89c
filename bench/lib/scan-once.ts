/**
 * One backup scan in a process of its own, so its peak memory is the scanner's alone.
 * Prints { ms, maxRssKb, rssBeforeKb, artefactsSeen, newArtefacts } as JSON. Usage: scan-once.ts <databaseUrl>
 */
import { runScanner } from "../../src/backups/scanner";
import { createDb } from "../../src/platform/db/client";

const db = createDb(process.argv[2]!, { max: 4 });
// A worker scans every few minutes: its Prisma client compiled the scan's queries long before
// (about 130 ms on first use here). A scan of no job compiles them, so the figure is the scan's.
await runScanner(db, { trigger: "manual", jobId: "warm-up" });
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
  }),
);
await db.$disconnect();
