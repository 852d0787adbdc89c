/**
 * SSE fan-out from one web process (`npm run bench:sse`).
 *
 * The production web server (as `npm start` runs it) serves the tRPC live subscription over
 * server-sent events. The benchmark opens 1,000 then 10,000 authenticated subscriptions, ten per
 * topic, publishes 1,000 events per second in aggregate through vigie_publish, each reaching the
 * ten subscribers of its topic (10,000 deliveries per second), and measures publish→receive
 * latency, delivery (every event exactly once) and memory per connection: the growth of the web
 * process's live heap (from heap snapshots, after a full GC) divided by the connections opened.
 * BENCH_SUBSCRIBERS (e.g. "1000") and BENCH_RATE (events/s) change the load.
 */
import { Agent } from "node:http";
import pg from "pg";
import { createDb } from "../src/platform/db/client";
import { hashPassword } from "../src/platform/users/password";
import { snapshotLiveHeap } from "./lib/heap-snapshot";
import { cpuSeconds, machine, percentile, round, rssKb, targetLine } from "./lib/report";
import { sessionCookie, subscribeLive, type Subscription } from "./lib/sse-client";
import { benchDatabase, startWebServer } from "./lib/stack";

const AUTH_SECRET = "bench-secret-bench-secret-bench-secret-00";
const EVENTS_PER_SECOND = Number(process.env.BENCH_RATE ?? 1_000);
const MEASURE_SECONDS = 10;
const SUBSCRIBERS_PER_TOPIC = 10;
const now = () => performance.timeOrigin + performance.now();

async function scenario(web: { url: string; child: { pid?: number } }, databaseUrl: string, cookie: string, subscribers: number) {
  const topics = subscribers / SUBSCRIBERS_PER_TOPIC;
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const latencies: number[] = [];
  let measuring = false;
  let opened = 0;
  let reconnects = 0;
  const rssBefore = rssKb(web.child.pid!);
  const heapBefore = await snapshotLiveHeap(web.child.pid!, process.cwd(), `${web.url}/api/health`);
  const subs: Subscription[] = [];
  const receivedBy = new Uint32Array(subscribers);
  for (let i = 0; i < subscribers; i++) {
    subs.push(
      subscribeLive(
        web.url,
        cookie,
        `meter:bench-${i % topics}`,
        agent,
        (_id, data) => {
          if (!measuring) return;
          const { sentAt, phase } = JSON.parse(data).json.payload as { sentAt: number; phase: string };
          if (phase !== "measure") return;
          latencies.push(now() - sentAt);
          receivedBy[i]!++;
        },
        () => opened++,
        () => reconnects++,
      ),
    );
    if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20));
  }
  const deadline = Date.now() + 120_000;
  while (opened < subscribers && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 2_000));
  const rssOpen = rssKb(web.child.pid!);
  const heapOpen = await snapshotLiveHeap(web.child.pid!, process.cwd(), `${web.url}/api/health`);

  const publisher = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const publishFor = async (phase: string, seconds: number) => {
    const total = EVENTS_PER_SECOND * seconds;
    const start = Date.now();
    for (let n = 0; n < total; n++) {
      const due = start + (n * 1000) / EVENTS_PER_SECOND;
      const wait = due - Date.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      void publisher.query("SELECT vigie_publish($1, 'bench', $2::jsonb, true)", [`meter:bench-${n % topics}`, JSON.stringify({ sentAt: now(), phase })]);
    }
  };
  await publishFor("warm-up", 2);
  measuring = true;
  const cpuStart = { web: cpuSeconds(web.child.pid!), bench: process.cpuUsage() };
  await publishFor("measure", MEASURE_SECONDS);
  const webCpu = (cpuSeconds(web.child.pid!) - cpuStart.web) / MEASURE_SECONDS;
  const used = process.cpuUsage(cpuStart.bench);
  const benchCpu = (used.user + used.system) / 1e6 / MEASURE_SECONDS;
  await new Promise((r) => setTimeout(r, 2_000));
  measuring = false;
  await publisher.end();

  for (const s of subs) s.close();
  agent.destroy();
  await new Promise((r) => setTimeout(r, 3_000));

  latencies.sort((a, b) => a - b);
  const expected = EVENTS_PER_SECOND * MEASURE_SECONDS * SUBSCRIBERS_PER_TOPIC;
  const perSubscriber = (EVENTS_PER_SECOND * MEASURE_SECONDS) / topics;
  return {
    subscribers,
    opened,
    delivered: latencies.length,
    expected,
    /** Subscribers that missed at least one event (every one must receive all). */
    short: receivedBy.filter((n) => n !== perSubscriber).length,
    reconnects,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    kbPerConnection: (heapOpen - heapBefore) / 1024 / subscribers,
    rssKbPerConnection: (rssOpen - rssBefore) / subscribers,
    rssOpenMb: rssOpen / 1024,
    webCpu,
    benchCpu,
  };
}

const database = await benchDatabase("sse");
const db = createDb(database.url, { max: 2 });
const user = await db.user.create({ data: { email: "bench@vigie.local", name: "Bench", role: "VIEWER", passwordHash: await hashPassword("bench-password") } });
await db.$disconnect();
const cookie = await sessionCookie(user.id, "VIEWER", AUTH_SECRET);

const web = await startWebServer(database.url, { AUTH_SECRET });
const results = [];
try {
  // Loads every lazily-loaded module (routes, query compiler) before the baseline heap snapshot.
  await scenario(web, database.url, cookie, 50);
  for (const n of (process.env.BENCH_SUBSCRIBERS ?? "1000,10000").split(",").map(Number)) {
    const r = await scenario(web, database.url, cookie, n);
    results.push(r);
    console.log(
      `${n} subscribers: opened ${r.opened}, delivered ${r.delivered}/${r.expected} (${r.short} subscribers short, ${r.reconnects} reconnections), latency p50 ${round(r.p50)} ms, p99 ${round(r.p99)} ms, max ${round(r.max)} ms, ` +
        `memory ${round(r.kbPerConnection)} KB/connection of live heap (RSS grew ${round(r.rssKbPerConnection)} KB/connection, to ${round(r.rssOpenMb)} MB); CPU while publishing: web ${round(r.webCpu * 100)} %, benchmark client ${round(r.benchCpu * 100)} %`,
    );
  }
} finally {
  await web.stop();
  await database.cleanup();
}

console.log(`\nMachine: ${machine()}`);
for (const r of results.filter((x) => x.subscribers !== 1_000)) {
  console.log(
    `sse_${r.subscribers}_subscribers: p50 ${round(r.p50)} ms, p99 ${round(r.p99)} ms, ${round(r.kbPerConnection)} KB/connection, ${r.delivered}/${r.expected} delivered, ${r.short} subscribers short (target: none short)`,
  );
}
const thousand = results.find((x) => x.subscribers === 1_000);
if (thousand) {
  console.log(
    targetLine("sse_p99_latency_1000_subscribers", `${round(thousand.p99)} ms`, "< 100 ms", thousand.p99 < 100 && thousand.delivered === thousand.expected),
  );
  console.log(targetLine("sse_memory_per_connection_1000_subscribers", `${round(thousand.kbPerConnection)} KB`, "< 50 KB", thousand.kbPerConnection < 50));
}
