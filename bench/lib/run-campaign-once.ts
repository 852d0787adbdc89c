/**
 * One campaign run in a process of its own (peak memory is the runner's). Args: <databaseUrl> <reportId> [heap].
 * With "heap" (and --expose-gc) the live heap after a full GC is sampled every 250 ms: it shows
 * growth that peak RSS (the garbage collector's own pace) hides or exaggerates, at a cost in speed.
 * Prints JSON.
 */
import { randomUUID } from "node:crypto";
import { runReport } from "../../src/campaigns/runner";
import { createDb } from "../../src/platform/db/client";

const db = createDb(process.argv[2]!, { max: 4 });
await db.$queryRaw`SELECT 1`;
const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
let liveHeapKb = 0;
const gc = (globalThis as { gc?: () => void }).gc;
const sampler = setInterval(() => {
  if (process.argv[4] !== "heap") return;
  gc?.();
  liveHeapKb = Math.max(liveHeapKb, Math.round(process.memoryUsage().heapUsed / 1024));
}, 250);
const started = performance.now();
const end = await runReport(db, process.argv[3]!, { runToken: randomUUID(), staleAfterMs: 60_000 });
const ms = performance.now() - started;
clearInterval(sampler);
const report = await db.campaignReport.findUniqueOrThrow({ where: { id: process.argv[3]! } });
console.log(JSON.stringify({ end, ms, passed: report.passed, failed: report.failed, maxRssKb: process.resourceUsage().maxRSS, rssBeforeKb, liveHeapKb }));
await db.$disconnect();
