/**
 * bench:campaigns — the same Postman collection of N requests (each with a status test) against a
 * local HTTP server, run by Vigie's runner (imported as a campaign, run as a report: results and
 * logs written to PostgreSQL, live events published) and by Newman, each in its own process:
 * wall time and peak memory. Then Vigie alone with 10,000 requests, to show memory stays flat.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { importPostmanCollection } from "../src/campaigns/import";
import { launchReport } from "../src/campaigns/launch";
import { createDb } from "../src/platform/db/client";
import { benchDatabase } from "./lib/stack";
import { machine, round, targetLine } from "./lib/report";

const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ path: req.url, ok: true }));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function collection(n: number) {
  return {
    info: { name: `bench ${n}`, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
    item: Array.from({ length: n }, (_, i) => ({
      name: `item ${i}`,
      event: [{ listen: "test", script: { exec: ["pm.test('ok', function () {", "  pm.response.to.have.status(200);", "});"] } }],
      request: { method: "GET", url: `${base}/items/${i}` },
    })),
  };
}

type Run = { ms: number; maxRssKb: number; rssBeforeKb: number; liveHeapKb?: number; passed?: number; failed: number; requests?: number };
// Asynchronous: the HTTP server under test lives in this process and must keep answering.
const child = async (script: string, args: string[]): Promise<Run> => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", script, ...args], {
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
};
const mb = (kb: number) => round(kb / 1024);

const database = await benchDatabase("campaigns");
try {
  const db = createDb(database.url, { max: 4 });
  const environment = await db.environment.create({ data: { name: "bench" } });
  const vigie = async (n: number, sampleHeap: boolean): Promise<Run> => {
    const imported = await importPostmanCollection(db, collection(n));
    const report = await launchReport(db, { campaignId: imported.campaignId, environmentId: environment.id, name: `bench ${n}` }, null, { queue: false });
    return child("bench/lib/run-campaign-once.ts", [database.url, report.id, ...(sampleHeap ? ["heap"] : [])]);
  };
  const file = resolve("bench", ".tmp", "bench-1000.postman_collection.json");
  writeFileSync(file, JSON.stringify(collection(1000)));
  const newman = await child("bench/lib/run-newman-once.ts", [file]);
  const v1k = await vigie(1000, false);
  const heap1k = await vigie(1000, true);
  const v10k = await vigie(10_000, true);
  await db.$disconnect();

  console.log(`Machine: ${machine()}`);
  console.log(`Newman, 1,000 requests: ${round(newman.ms)} ms, peak RSS ${mb(newman.maxRssKb)} MB (${newman.requests} requests, ${newman.failed} failures)`);
  console.log(
    `Vigie, 1,000 requests: ${round(v1k.ms)} ms, peak RSS ${mb(v1k.maxRssKb)} MB (${v1k.passed} passed, ${v1k.failed} failed; results and logs stored, events published)`,
  );
  console.log(`Vigie, 1,000 requests with heap sampling: peak live heap ${mb(heap1k.liveHeapKb!)} MB, peak RSS ${mb(heap1k.maxRssKb)} MB`);
  console.log(
    `Vigie, 10,000 requests with heap sampling: ${round(v10k.ms)} ms, peak live heap ${mb(v10k.liveHeapKb!)} MB, peak RSS ${mb(v10k.maxRssKb)} MB (${v10k.passed} passed, ${v10k.failed} failed)`,
  );
  const speedup = newman.ms / v1k.ms;
  const growth = v10k.liveHeapKb! / heap1k.liveHeapKb!;
  console.log(
    targetLine("campaign_1000_requests_vs_newman", `${round(speedup)}× faster (${round(v1k.ms)} ms vs ${round(newman.ms)} ms)`, "≥ 2×", speedup >= 2),
  );
  console.log(
    targetLine(
      "campaign_memory_1000_to_10000",
      `peak live heap ${mb(heap1k.liveHeapKb!)} MB → ${mb(v10k.liveHeapKb!)} MB (×${round(growth, 2)}); peak RSS ${mb(heap1k.maxRssKb)} → ${mb(v10k.maxRssKb)} MB`,
      "flat: ≤ ×1.2",
      growth <= 1.2,
    ),
  );
} finally {
  server.close();
  await database.cleanup();
}
