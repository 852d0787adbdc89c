/**
 * bench:soak — Vigie as a site runs it, for BENCH_SOAK_SECONDS (default 300) on one machine: the
 * production web server and a worker on an embedded PostgreSQL, with at once
 *   - 20 DSMR meters on real pseudo-terminals (socat), one telegram a second each,
 *   - 200 backup pings a second over 100 jobs (a refused ping is retried, as `curl --retry` would),
 *   - a 1,000-request campaign, launched again each time the previous report ends,
 *   - 1,000 SSE subscribers (on the meters' and the jobs' live topics),
 * and PostgreSQL stopped for BENCH_SOAK_OUTAGE_SECONDS (default 15) in the middle. It prints, per
 * kind: sent vs stored (or published vs delivered per subscriber), p99 latencies, and the web and
 * worker RSS after warm-up and at the end. Target: nothing lost, RSS flat.
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../scripts/lib/embedded-postgres";
import { importPostmanCollection } from "../src/campaigns/import";
import { launchReport } from "../src/campaigns/launch";
import { SerialByteLink } from "../src/metering/links/serial-link";
import { openPtyPair, type PtyPair } from "../src/metering/links/pty-pair";
import { encodeDsmrTelegram } from "../src/metering/simulator/encoders";
import { LoadModel } from "../src/metering/simulator/load-model";
import { createDb } from "../src/platform/db/client";
import { migrateDatabase } from "../src/platform/db/migrate";
import { hashPassword } from "../src/platform/users/password";
import { machine, percentile, round, rssKb, targetLine } from "./lib/report";
import { sessionCookie, subscribeLive, type Subscription } from "./lib/sse-client";
import { startWebServer } from "./lib/stack";

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const OUTAGE_SECONDS = Number(process.env.BENCH_SOAK_OUTAGE_SECONDS ?? 15);
const METERS = 20;
const PINGS_PER_SECOND = 200;
const JOBS = 100;
const CAMPAIGN_REQUESTS = 1_000;
const SUBSCRIBERS = 1_000;
const WARM_UP_SECONDS = 20;
const AUTH_SECRET = "bench-soak-secret-bench-soak-secret-0000";
const SECRET_KEY = "5a".repeat(32);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = resolve("bench", ".tmp", `soak-${process.pid}`);
const port = await freePort();
const startCluster = () => startEmbeddedPostgres({ dataDir: `${dataDir}/pg`, port, database: "vigie", password: "soak" });
let pg: EmbeddedDatabase = await startCluster();
await migrateDatabase(pg.url);
const db = createDb(pg.url, { max: 4 });

// The API the campaigns test, in this process.
const api = createServer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ path: req.url })));
await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

const ptys: PtyPair[] = await Promise.all(Array.from({ length: METERS }, () => openPtyPair()));
const meters = await Promise.all(
  ptys.map((pty, i) =>
    db.meter.create({ data: { name: `soak ${i}`, protocol: "DSMR", transport: "SERIAL", portPath: pty.hostSide, baudRate: 115200, pollIntervalSeconds: 1 } }),
  ),
);
const jobs = await Promise.all(
  Array.from({ length: JOBS }, (_, i) =>
    db.backupJob.create({ data: { name: `soak job ${i}`, location: "/tmp", pattern: "*.tar", scheduleKind: "INTERVAL", intervalMinutes: 60 } }),
  ),
);
const environment = await db.environment.create({ data: { name: "soak", variables: { create: [{ key: "base_url", value: apiUrl }] } } });
const { campaignId } = await importPostmanCollection(db, {
  info: { name: "soak", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  item: Array.from({ length: CAMPAIGN_REQUESTS }, (_, i) => ({
    name: `item ${i}`,
    event: [{ listen: "test", script: { exec: ["pm.test('ok', function () {", "  pm.response.to.have.status(200);", "});"] } }],
    request: { method: "GET", url: `{{base_url}}/items/${i}` },
  })),
});
const viewer = await db.user.create({ data: { email: "soak@vigie.local", name: "Soak", role: "VIEWER", passwordHash: await hashPassword("soak-password") } });

const web = await startWebServer(pg.url, { AUTH_SECRET, VIGIE_SECRET_KEY: SECRET_KEY });
const worker = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
  env: { ...process.env, DATABASE_URL: pg.url, VIGIE_SECRET_KEY: SECRET_KEY, VIGIE_DATA_DIR: `${dataDir}/worker`, LOG_LEVEL: "error" },
  stdio: ["ignore", "ignore", "inherit"],
});

// Whatever happens to this script, nothing it started outlives it.
process.on("exit", () => {
  web.child.kill("SIGKILL");
  worker.kill("SIGKILL");
  spawnSync("pkill", ["-KILL", "-P", String(process.pid), "socat"]);
  spawnSync("pkill", ["-KILL", "-f", `${dataDir}/pg`]);
});
process.on("unhandledRejection", (err) => {
  console.error(err);
  process.exit(1);
});

// Meters: each telegram carries its own second, so every one sent is a distinct reading.
const meterLinks = await Promise.all(
  ptys.map(async (pty) => {
    const link = new SerialByteLink({ path: pty.meterSide, baudRate: 115200, dataBits: 8, parity: "none", stopBits: 1 }, "simulator");
    await link.open();
    return link;
  }),
);
// Telegrams start once the worker holds every meter link (its per-meter locks), so none is sent to a closed port.
while ((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = ${0x5647} AND granted`)[0]!.n < METERS)
  await sleep(200);
await sleep(2_000);
let telegramsSent = 0;
let running = true;
/** Set when the end-of-run wait is over: a report still running then is counted as such. */
let givenUp = false;
const meterLoop = (async () => {
  const models = meters.map((_, i) => new LoadModel({ seed: i + 1 }));
  const t0 = Math.ceil(Date.now() / 1000) * 1000;
  for (let n = 0; running; n++) {
    await sleep(t0 + n * 1000 - Date.now());
    const t = new Date(t0 + n * 1000);
    await Promise.all(meterLinks.map((link, i) => link.write(encodeDsmrTelegram(models[i]!.step(t), t, `SOAK${String(i).padStart(4, "0")}`))));
    telegramsSent += METERS;
  }
})();

// SSE subscribers: half on the energy topic (every meter's readings), half on the jobs'.
const cookie = await sessionCookie(viewer.id, "VIEWER", AUTH_SECRET);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
const subscriberTopics = Array.from({ length: SUBSCRIBERS }, (_, i) => (i % 2 ? "energy" : `backup:${jobs[i % JOBS]!.id}`));
const deliveredIds = subscriberTopics.map(() => new Set<bigint>());
const sseLatencies: number[] = [];
let opened = 0;
const subscriptions: Subscription[] = subscriberTopics.map((topic, i) =>
  subscribeLive(
    web.url,
    cookie,
    topic,
    agent,
    (id, data) => {
      deliveredIds[i]!.add(BigInt(id));
      const createdAt = (JSON.parse(data) as { json: { createdAt: string } }).json.createdAt;
      sseLatencies.push(Date.now() - Date.parse(createdAt));
    },
    () => opened++,
  ),
);
while (opened < SUBSCRIBERS) await sleep(100);
const firstEventId = (await db.$queryRaw<{ max: bigint | null }[]>`SELECT max("id") AS max FROM "LiveEvent"`)[0]!.max ?? 0n;

// Pings: open loop at the rate; a refused one (PostgreSQL away) is retried every second.
const pingAgent = new Agent({ keepAlive: true, maxSockets: 256 });
const pingOnce = (url: string) =>
  new Promise<{ status: number; ms: number }>((done) => {
    const started = performance.now();
    const req = request(url, { method: "POST", agent: pingAgent }, (res) => {
      res.resume();
      res.on("end", () => done({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on("error", () => done({ status: 0, ms: performance.now() - started }));
    req.end("backup done");
  });
const pingLatencies: number[] = [];
let pingsSent = 0;
let pingsAccepted = 0;
let pingRetries = 0;
const pingsInFlight: Promise<void>[] = [];
const pingLoop = (async () => {
  const start = performance.now();
  for (let i = 0; running; i++) {
    const wait = start + (i * 1000) / PINGS_PER_SECOND - performance.now();
    if (wait > 0) await sleep(wait);
    pingsSent++;
    const url = `${web.url}/api/v1/ping/${jobs[i % JOBS]!.pingToken}`;
    pingsInFlight.push(
      (async () => {
        for (let attempt = 0; attempt < 600; attempt++) {
          const { status, ms } = await pingOnce(url);
          if (status === 200) {
            pingLatencies.push(ms);
            pingsAccepted++;
            return;
          }
          pingRetries++;
          await sleep(1_000);
        }
      })(),
    );
  }
})();

// Campaigns: one report after another, so that one is running when PostgreSQL stops.
const reportIds: string[] = [];
const campaignLoop = (async () => {
  while (running) {
    try {
      const report = await launchReport(db, { campaignId, environmentId: environment.id, name: "soak" }, null);
      reportIds.push(report.id);
      while (!givenUp) {
        await sleep(1_000);
        const row = await db.campaignReport.findUnique({ where: { id: report.id }, select: { status: true } }).catch(() => null);
        if (row && row.status !== "PENDING" && row.status !== "RUNNING") break;
      }
    } catch {
      await sleep(1_000); // PostgreSQL away: launch again when it is back
    }
  }
})();

// A process that died has no RSS: NaN, and the target fails.
const rssOf = (pid: number) => {
  try {
    return rssKb(pid);
  } catch {
    return NaN;
  }
};
const rss = () => ({ web: rssOf(web.child.pid!), worker: rssOf(worker.pid!) });
// RSS every 10 s: the series shows a trend that two samples could hide.
const rssSeries: { at: number; web: number; worker: number }[] = [];
const startedAt = Date.now();
const sampler = setInterval(() => rssSeries.push({ at: Math.round((Date.now() - startedAt) / 1000), ...rss() }), 10_000);
await sleep(WARM_UP_SECONDS * 1000);
const rssStart = rss();
const outageAt = (SECONDS * 1000) / 2;
await sleep(outageAt - WARM_UP_SECONDS * 1000);
console.error(`stopping PostgreSQL for ${OUTAGE_SECONDS} s`);
await pg.stop();
await sleep(OUTAGE_SECONDS * 1000);
pg = await startCluster();
console.error("PostgreSQL restarted");
await sleep(SECONDS * 1000 - outageAt - OUTAGE_SECONDS * 1000);
const rssEnd = rss();
clearInterval(sampler);

// Stop sending, then give every component time to catch up before counting.
running = false;
await Promise.all([meterLoop, pingLoop]);
await Promise.all(pingsInFlight);
const settle = async (what: string, done: () => Promise<boolean>) => {
  for (let i = 0; !(await done().catch(() => false)); i++) {
    if (i === 300) return console.error(`${what}: still not settled after 300 s`);
    await sleep(1_000);
  }
};
await settle("readings", async () => (await db.reading.count()) >= telegramsSent);
await settle("campaigns", async () => (await db.campaignReport.count({ where: { status: { in: ["PENDING", "RUNNING"] } } })) === 0);
givenUp = true;
await campaignLoop;
await sleep(5_000);

const readingsStored = await db.reading.count();
const pingsStored = await db.backupRun.count();
const reports = await db.campaignReport.findMany({ where: { id: { in: reportIds } }, select: { status: true, passed: true, failed: true, skipped: true } });
const completeReports = reports.filter((r) => r.status === "COMPLETED" && r.passed === CAMPAIGN_REQUESTS).length;
const resultDurations = (await db.$queryRaw<{ ms: number }[]>`SELECT "durationMs" AS ms FROM "TestResult" WHERE "durationMs" IS NOT NULL ORDER BY 1`).map(
  (r) => r.ms,
);
const lastEventId = (await db.$queryRaw<{ max: bigint }[]>`SELECT max("id") AS max FROM "LiveEvent"`)[0]!.max;
const publishedByTopic = new Map(
  (
    await db.$queryRaw<
      { topic: string; n: bigint }[]
    >`SELECT "topic", count(*) AS n FROM "LiveEvent" WHERE "id" > ${firstEventId} AND "id" <= ${lastEventId} GROUP BY "topic"`
  ).map((r) => [r.topic, Number(r.n)]),
);
const short = subscriberTopics.filter(
  (topic, i) => [...deliveredIds[i]!].filter((id) => id > firstEventId && id <= lastEventId).length !== (publishedByTopic.get(topic) ?? 0),
).length;
const expectedDeliveries = subscriberTopics.reduce((n, topic) => n + (publishedByTopic.get(topic) ?? 0), 0);
const deliveries = deliveredIds.reduce((n, ids) => n + [...ids].filter((id) => id > firstEventId && id <= lastEventId).length, 0);

for (const s of subscriptions) s.close();
agent.destroy();
pingAgent.destroy();
await web.stop();
worker.kill("SIGTERM");
await new Promise((r) => worker.once("exit", r));
for (const link of meterLinks) await link.close();
await Promise.all(ptys.map((p) => p.close()));
await db.$disconnect();
await pg.stop();
api.close();
await rm(dataDir, { recursive: true, force: true });

pingLatencies.sort((a, b) => a - b);
sseLatencies.sort((a, b) => a - b);
const mb = (kb: number) => round(kb / 1024);
const growth = (a: number, b: number) => `${mb(a)} → ${mb(b)} MB (${b >= a ? "+" : ""}${round(((b - a) * 100) / a)} %)`;
console.log(`Machine: ${machine()}`);
console.log(`${SECONDS} s, PostgreSQL stopped ${OUTAGE_SECONDS} s at ${outageAt / 1000} s`);
console.log(`readings: ${telegramsSent} telegrams sent on ${METERS} serial links, ${readingsStored} readings stored`);
console.log(
  `pings: ${pingsSent} sent (${pingRetries} refused attempts retried), ${pingsAccepted} accepted, ${pingsStored} stored; p99 of accepted ${round(percentile(pingLatencies, 99))} ms`,
);
console.log(
  `campaigns: ${reports.length} reports of ${CAMPAIGN_REQUESTS} requests, ${completeReports} completed with every request passed; request p99 ${round(percentile(resultDurations, 99))} ms`,
);
console.log(
  `SSE: ${SUBSCRIBERS} subscribers, ${deliveries}/${expectedDeliveries} deliveries, ${short} subscribers short of their topic's events; delivery p99 ${round(percentile(sseLatencies, 99))} ms`,
);
console.log(`RSS every 10 s (s: web/worker MB): ${rssSeries.map((r) => `${r.at}: ${mb(r.web)}/${mb(r.worker)}`).join(", ")}`);
console.log(`RSS after warm-up → end: web ${growth(rssStart.web, rssEnd.web)}, worker ${growth(rssStart.worker, rssEnd.worker)}`);
// RSS saws with the garbage collector: the trend is the low points, before the outage and after it.
const trough = (kind: "web" | "worker", from: number, to: number) => Math.min(...rssSeries.filter((r) => r.at >= from && r.at <= to).map((r) => r[kind]));
const before = { web: trough("web", WARM_UP_SECONDS, outageAt / 1000), worker: trough("worker", WARM_UP_SECONDS, outageAt / 1000) };
const after = { web: trough("web", (SECONDS * 2) / 3, SECONDS), worker: trough("worker", (SECONDS * 2) / 3, SECONDS) };
console.log(`RSS low points, first half → last third: web ${growth(before.web, after.web)}, worker ${growth(before.worker, after.worker)}`);
const flat = after.web <= before.web * 1.2 && after.worker <= before.worker * 1.2;
console.log(
  targetLine(
    "soak_nothing_lost",
    `readings ${readingsStored}/${telegramsSent}, pings ${pingsStored}/${pingsAccepted}, reports ${completeReports}/${reports.length}, SSE ${short} short`,
    "all stored, all delivered",
    readingsStored === telegramsSent && pingsStored === pingsAccepted && pingsAccepted === pingsSent && completeReports === reports.length && short === 0,
  ),
);
console.log(targetLine("soak_rss_flat", `low points web ${growth(before.web, after.web)}, worker ${growth(before.worker, after.worker)}`, "≤ +20 %", flat));
