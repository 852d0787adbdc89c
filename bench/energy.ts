/**
 * bench:energy — one year of 10-second readings for one meter (3.15 M rows, BENCH_ENERGY_DAYS to
 * shorten), seeded from the simulator through the real storage path (roll-ups included); then
 * p50/p95 of every dashboard, history and analysis query as the screens call them; the streamed
 * CSV export of the whole year through the production web server (rows/s, peak RSS of the web
 * process); and the forecast's backtest against the naive "same day last week" on that data.
 */
import { randomBytes } from "node:crypto";
import { energyAnalysis, energyForecast } from "../src/metering/analysis";
import { energyDashboard } from "../src/metering/dashboard";
import { energyHistory } from "../src/metering/history";
import { backfillSimulatedReadings } from "../src/metering/simulator/backfill";
import { energyCost } from "../src/metering/tariffs";
import { issueApiToken } from "../src/platform/api-tokens";
import { createDb, type Db } from "../src/platform/db/client";
import { benchDatabase, startWebServer } from "./lib/stack";
import { machine, percentile, round, rssKb, targetLine } from "./lib/report";

const DAYS = Number(process.env.BENCH_ENERGY_DAYS ?? 365);
const RUNS = 40;
const TARGET_P95_MS = 50;
const timezone = "Europe/Paris";

async function seed(db: Db, now: Date) {
  const meter = await db.meter.create({ data: { name: "bench E450", protocol: "DSMR", transport: "REMOTE", pollIntervalSeconds: 10 } });
  const to = new Date(Math.floor(now.getTime() / 10_000) * 10_000);
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  const t0 = performance.now();
  let reported = 0;
  const { stored } = await backfillSimulatedReadings(db, meter, {
    from,
    to,
    intervalSeconds: 10,
    timezone,
    batchSize: 10_000,
    simulator: { seed: 11, pvPeakW: 3000, incidents: true },
    onProgress: (n) => {
      if (n - reported < 500_000) return;
      reported = n;
      console.error(`  seeded ${n.toLocaleString("en")} readings…`);
    },
  });
  return { meter, stored, seconds: (performance.now() - t0) / 1000 };
}

/** p50 and p95 of `fn` over RUNS calls, after three warm-up calls. */
async function timeQuery(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

type ExportRun = { rows: number; seconds: number; peakMb: number };

/**
 * Streams each range's CSV from one production web server, sampling its RSS every 100 ms: a month
 * first, then the year, so flat memory shows as the same peak for twelve times the rows.
 */
async function exportRanges(databaseUrl: string, db: Db, meterId: string, ranges: { from: Date; to: Date }[]) {
  const web = await startWebServer(databaseUrl, { AUTH_SECRET: randomBytes(32).toString("hex") });
  try {
    const { token } = await issueApiToken(db, { name: "bench", scope: "READ" }, null);
    const idleMb = rssKb(web.child.pid!) / 1024;
    const runs: ExportRun[] = [];
    for (const { from, to } of ranges) {
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssKb(web.child.pid!))), 100);
      const t0 = performance.now();
      const res = await fetch(`${web.url}/api/export/readings?from=${from.toISOString()}&to=${to.toISOString()}&meter=${meterId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok || !res.body) throw new Error(`export failed: ${res.status}`);
      let newlines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
      }
      clearInterval(sampler);
      runs.push({ rows: newlines - 1, seconds: (performance.now() - t0) / 1000, peakMb: Math.max(peak, rssKb(web.child.pid!)) / 1024 });
    }
    return { idleMb, runs };
  } finally {
    await web.stop();
  }
}

async function main() {
  console.log(`bench:energy on ${machine()}`);
  const pg = await benchDatabase("energy");
  const db = createDb(pg.url, { max: 5 });
  try {
    const now = new Date();
    const seeded = await seed(db, now);
    console.log(
      `seeded ${seeded.stored.toLocaleString("en")} readings (${DAYS} days at 10 s) in ${round(seeded.seconds)} s — ${Math.round(seeded.stored / seeded.seconds).toLocaleString("en")} readings/s through storeReadings`,
    );
    await db.$executeRawUnsafe(`VACUUM ANALYZE "Reading"`);
    await db.$executeRawUnsafe(`VACUUM ANALYZE "ReadingRollup"`);

    const meterId = seeded.meter.id;
    const day = 86_400_000;
    const ago = (days: number) => new Date(now.getTime() - days * day);
    const queries: [string, () => Promise<unknown>][] = [
      ["dashboard (site)", () => energyDashboard(db, { timezone, now })],
      ["dashboard (meter)", () => energyDashboard(db, { timezone, meterId, now })],
      ["history day (raw, phases)", () => energyHistory(db, { from: ago(1), to: now, meterId })],
      ["history week (hourly roll-ups)", () => energyHistory(db, { from: ago(7), to: now, meterId })],
      ["history month (hourly roll-ups)", () => energyHistory(db, { from: ago(31), to: now, meterId })],
      ["history year (daily roll-ups)", () => energyHistory(db, { from: ago(365), to: now, meterId })],
      ["history week, site", () => energyHistory(db, { from: ago(7), to: now })],
      ["analysis month", () => energyAnalysis(db, { from: ago(31), to: now, meterId, timezone })],
      ["analysis year", () => energyAnalysis(db, { from: ago(365), to: now, meterId, timezone })],
      ["forecast + 4-week backtest", () => energyForecast(db, { timezone, meterId, now })],
      ["cost month", () => energyCost(db, { from: ago(31), to: now, meterId })],
    ];
    const results: { name: string; p50: number; p95: number }[] = [];
    for (const [name, fn] of queries) {
      const r = await timeQuery(fn);
      results.push({ name, ...r });
      console.log(`  ${name.padEnd(34)} p50 ${round(r.p50).toString().padStart(6)} ms   p95 ${round(r.p95).toString().padStart(6)} ms`);
    }

    const { idleMb, runs } = await exportRanges(pg.url, db, meterId, [
      { from: ago(30), to: now },
      { from: ago(DAYS + 1), to: new Date(now.getTime() + 60_000) },
    ]);
    const [month, exported] = runs as [ExportRun, ExportRun];
    const rowsPerSecond = exported.rows / exported.seconds;
    console.log(
      `CSV export, web process RSS ${Math.round(idleMb)} MB idle: last 30 days ${month.rows.toLocaleString("en")} rows in ${round(month.seconds)} s, peak ${Math.round(month.peakMb)} MB; whole history ${exported.rows.toLocaleString("en")} rows in ${round(exported.seconds)} s, peak ${Math.round(exported.peakMb)} MB`,
    );

    const forecast = await energyForecast(db, { timezone, meterId, now });
    const { mape, naiveMape } = forecast.backtest;
    console.log(
      `forecast backtest (last 4 weeks, ${forecast.backtest.hours} hours): MAPE ${round(mape ?? NaN, 2)} %, naive same-day-last-week ${round(naiveMape ?? NaN, 2)} %`,
    );

    console.log("");
    const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    console.log(targetLine("energy_queries_worst_p95", `${round(worst.p95)} ms (${worst.name})`, `< ${TARGET_P95_MS} ms`, worst.p95 < TARGET_P95_MS));
    for (const r of results)
      console.log(targetLine(`p95 ${r.name}`, `${round(r.p95)} ms (p50 ${round(r.p50)} ms)`, `< ${TARGET_P95_MS} ms`, r.p95 < TARGET_P95_MS));
    console.log(
      targetLine(
        "csv_export_complete",
        `${exported.rows.toLocaleString("en")} rows`,
        `${seeded.stored.toLocaleString("en")} rows`,
        exported.rows === seeded.stored,
      ),
    );
    console.log(
      `csv_export_rows_per_second: ${Math.round(rowsPerSecond).toLocaleString("en")} rows/s; web peak RSS ${Math.round(exported.peakMb)} MB for the whole history vs ${Math.round(month.peakMb)} MB for 30 days (idle ${Math.round(idleMb)} MB)`,
    );
    console.log(
      targetLine(
        "forecast_mape_vs_naive",
        `${round(mape ?? NaN, 2)} % vs ${round(naiveMape ?? NaN, 2)} %`,
        "below the naive forecast",
        mape !== null && naiveMape !== null && mape < naiveMape,
      ),
    );
  } finally {
    await db.$disconnect();
    await pg.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
