/**
 * bench:pings — backup pings against one production web process (embedded PostgreSQL): a burst
 * of 1,000 concurrent `success` pings on one job (all must be stored, no error), then a sustained
 * rate (BENCH_PINGS_RATE per second, default 300, for BENCH_PINGS_SECONDS, default 20) spread
 * over 100 jobs, with its latency, side by side with a trivial route (/api/health) at the same rate.
 */
import { Agent, request } from "node:http";
import { createDb } from "../src/platform/db/client";
import { cpuSeconds, machine, percentile, round, targetLine } from "./lib/report";
import { benchDatabase, startWebServer } from "./lib/stack";

const RATE = Number(process.env.BENCH_PINGS_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_PINGS_SECONDS ?? 20);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function hit(url: string, method: "GET" | "POST" = "GET"): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { method, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start }));
    });
    req.on("error", () => resolve({ status: 0, ms: performance.now() - start }));
    req.end(method === "POST" ? "backup done" : undefined);
  });
}

/** `rate` requests a second for `seconds`, each started on time whatever the previous ones do (open loop). */
async function sustained(urls: string[], method: "GET" | "POST") {
  const results: Promise<{ status: number; ms: number }>[] = [];
  const start = performance.now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    results.push(hit(urls[i % urls.length]!, method));
  }
  const done = await Promise.all(results);
  const seconds = (performance.now() - start) / 1000;
  const latencies = done.map((d) => d.ms).sort((a, b) => a - b);
  return {
    sent: done.length,
    ok: done.filter((d) => d.status === 200).length,
    perSecond: done.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const database = await benchDatabase("pings");
const web = await startWebServer(database.url, { AUTH_SECRET: "bench-pings-secret-bench-pings-secret-00" });
const db = createDb(database.url, { max: 2 });
try {
  const job = await db.backupJob.create({ data: { name: "burst", location: "/tmp", pattern: "*.tar", scheduleKind: "INTERVAL", intervalMinutes: 60 } });
  const pingUrl = `${web.url}/api/v1/ping/${job.pingToken}`;
  for (let i = 0; i < 50; i++) await hit(pingUrl, "POST"); // warm-up

  const before = await db.backupRun.count({ where: { jobId: job.id } });
  const burst = await Promise.all(Array.from({ length: 1_000 }, () => hit(pingUrl, "POST")));
  const stored = (await db.backupRun.count({ where: { jobId: job.id } })) - before;
  const errors = burst.filter((b) => b.status !== 200).length;

  const jobs = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      db.backupJob.create({ data: { name: `job ${i}`, location: "/tmp", pattern: "*.tar", scheduleKind: "INTERVAL", intervalMinutes: 60 } }),
    ),
  );
  const cpu0 = cpuSeconds(web.child.pid!);
  const health = await sustained([`${web.url}/api/health`], "GET");
  const cpu1 = cpuSeconds(web.child.pid!);
  const pings = await sustained(
    jobs.map((j) => `${web.url}/api/v1/ping/${j.pingToken}`),
    "POST",
  );
  const cpu2 = cpuSeconds(web.child.pid!);
  console.log(`Machine: ${machine()}`);
  console.log(
    `burst: 1,000 concurrent success pings on one job: ${stored} runs stored, ${errors} errors, slowest ${round(Math.max(...burst.map((b) => b.ms)))} ms`,
  );
  console.log(
    `sustained ${RATE}/s for ${SECONDS} s over 100 jobs: pings ${round(pings.perSecond)}/s, ${pings.ok}/${pings.sent} answered 200, p50 ${round(pings.p50)} ms, p99 ${round(pings.p99)} ms`,
  );
  console.log(
    `web process CPU per request: ping ${round(((cpu2 - cpu1) * 1000) / pings.sent, 2)} ms, trivial route ${round(((cpu1 - cpu0) * 1000) / health.sent, 2)} ms`,
  );
  console.log(
    `trivial route (/api/health) at the same rate: ${health.ok}/${health.sent} answered 200, p50 ${round(health.p50)} ms, p99 ${round(health.p99)} ms`,
  );
  console.log(targetLine("ping_burst_1000_stored", `${stored}/1000 stored, ${errors} errors`, "1,000 stored, 0 errors", stored === 1000 && errors === 0));
  console.log(
    targetLine(
      "pings_per_second_p99",
      `${round(pings.perSecond)}/s with p99 ${round(pings.p99)} ms (${pings.ok}/${pings.sent} ok)`,
      "≥ 250/s, p99 < 100 ms",
      pings.perSecond >= 250 && pings.p99 < 100 && pings.ok === pings.sent,
    ),
  );
} finally {
  await db.$disconnect();
  await web.stop();
  await database.cleanup();
  agent.destroy();
}
