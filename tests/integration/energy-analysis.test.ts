import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { energyAnalysis, energyForecast } from "../../src/metering/analysis";
import { readingsCsv } from "../../src/metering/readings-export";
import { readingFields } from "../../src/metering/obis";
import { storeReadings } from "../../src/metering/storage/store-readings";
import { energyDashboard } from "../../src/metering/dashboard";
import { energyHistory } from "../../src/metering/history";
import { backfillSimulatedReadings } from "../../src/metering/simulator/backfill";
import { LoadModel } from "../../src/metering/simulator/load-model";
import { raiseAlert } from "../../src/platform/alerts/alerts";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

const timezone = "Europe/Paris";
// Nine weeks of the simulator's site, a reading every 5 minutes, up to Thursday 2026-11-19 noon Paris time.
const now = new Date("2026-11-19T11:00:00Z");
const from = new Date(now.getTime() - 63 * 86_400_000);

let t: TestDatabase;
let meter: { id: string; segment: number };
beforeAll(async () => {
  t = await createTestDatabase();
  meter = await t.db.meter.create({ data: { name: "simulated site", protocol: "DSMR", transport: "REMOTE", pollIntervalSeconds: 300 } });
  const { stored } = await backfillSimulatedReadings(t.db, meter, { from, to: now, intervalSeconds: 300, timezone, simulator: { seed: 7 } });
  expect(stored).toBe(63 * 288);
}, 120_000);
afterAll(() => t.drop());

describe("energy analysis, history and forecast on the simulator's data", () => {
  it("forecasts tomorrow hour by hour and beats the naive same-day-last-week forecast in the backtest", async () => {
    const forecast = await energyForecast(t.db, { timezone, now });
    expect(forecast.day).toEqual({ year: 2026, month: 11, day: 20 });
    expect(forecast.points).toHaveLength(24);
    // Friday 20 November: working hours well above the night base (the model: 800 W night, 4.5 kW work).
    const at = (hour: number) => forecast.points[hour]!.kwh!;
    expect(at(3)).toBeGreaterThan(0.7);
    expect(at(3)).toBeLessThan(0.95);
    expect(at(10)).toBeGreaterThan(4);
    expect(forecast.points[10]!.at.toISOString()).toBe("2026-11-20T09:00:00.000Z");

    const { backtest } = forecast;
    expect(backtest.days).toBe(28);
    expect(backtest.hours).toBeGreaterThan(28 * 24 - 5);
    expect(backtest.mape).not.toBeNull();
    expect(backtest.mape!).toBeLessThan(backtest.naiveMape!);
    // Against the model's noise-free load over each hour (the readings of its twelve 5-minute steps).
    const truth = new LoadModel({ seed: 7 });
    const expectedKwh = (at: Date) =>
      Array.from({ length: 12 }, (_, k) => truth.expectedLoadW(new Date(at.getTime() + k * 300_000))).reduce((a, b) => a + b) / 12 / 1000;
    for (const p of forecast.points) expect(Math.abs(p.kwh! - expectedKwh(p.at)) / expectedKwh(p.at)).toBeLessThan(0.1);
  });

  it("analyses a month: daily bars, hourly profile, weekday × hour map, base load, peak and anomalies", async () => {
    await raiseAlert(t.db, {
      sourceKind: "METER",
      sourceId: meter.id,
      type: "voltage_low",
      params: { meter: "Atelier", phase: "L1", voltageV: 196, nominalV: 230, tolerancePct: 10 },
      severity: "WARNING",
      category: "grid_quality",
      measuredValue: 196,
      unit: "V",
      threshold: 207,
    });
    const range = { from: new Date("2026-10-19T23:00:00Z"), to: now, meterId: meter.id, timezone };
    // The alert is raised now, after the simulated data: the range reaches up to now.
    const a = await energyAnalysis(t.db, { ...range, to: new Date(Date.now() + 60_000) });
    expect(a.days.length).toBe(31);
    expect(a.days[0]!.date).toBe("2026-10-20");
    const weekday = a.days.find((d) => d.date === "2026-11-18")!;
    const sunday = a.days.find((d) => d.date === "2026-11-15")!;
    expect(weekday.importKwh).toBeGreaterThan(2 * sunday.importKwh);
    expect(a.profile).toHaveLength(24);
    expect(a.profile[10]!.averageKw!).toBeGreaterThan(a.profile[3]!.averageKw! * 2.5);
    expect(a.heatmap).toHaveLength(7 * 24);
    const cell = (weekday: number, hour: number) => a.heatmap.find((c) => c.weekday === weekday && c.hour === hour)!.averageKw;
    expect(cell(3, 10)).toBeGreaterThan(4);
    expect(cell(7, 10)).toBeLessThan(1);
    expect(a.baseLoadKw!).toBeGreaterThan(0.75);
    expect(a.baseLoadKw!).toBeLessThan(0.9);
    expect(a.peak!.powerW).toBeGreaterThan(4500);
    expect(a.alerts).toEqual([expect.objectContaining({ type: "voltage_low", severity: "WARNING", count: 1 })]);
    expect(a.unusualDays).toEqual([]);
    // Site-wide (summed over meters; one meter here) gives the same figures.
    const site = await energyAnalysis(t.db, { ...range, meterId: undefined, to: new Date(Date.now() + 60_000) });
    expect(site.heatmap).toEqual(a.heatmap);
    expect(site.baseLoadKw).toBeCloseTo(a.baseLoadKw!, 9);
    expect(site.peak).toEqual(a.peak);

    // A range without a clock change (one UTC offset throughout) reads the same local hours.
    const november = await energyAnalysis(t.db, { from: new Date("2026-11-01T23:00:00Z"), to: new Date("2026-11-15T23:00:00Z"), meterId: meter.id, timezone });
    expect(november.days.map((d) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-11-${String(i + 2).padStart(2, "0")}`));
    expect(november.heatmap).toHaveLength(7 * 24);
    expect(november.heatmap.find((c) => c.weekday === 3 && c.hour === 10)!.averageKw).toBeGreaterThan(4);
  });

  it("draws a day from raw readings with phases, and a year from the roll-ups", async () => {
    const day = await energyHistory(t.db, { from: new Date("2026-11-18T00:00:00Z"), to: new Date("2026-11-19T00:00:00Z"), meterId: meter.id });
    expect(day.resolution).toBe("MINUTE");
    expect(day.t).toHaveLength(288);
    expect(day.phases!.powerL1W.every((w) => w !== null && w > 0)).toBe(true);
    expect(day.phases!.voltageL2V[0]).toBeGreaterThan(220);
    expect(day.totals.importKwh).toBeGreaterThan(50);
    expect(Object.keys(day.totals.registers).sort()).toEqual(["1.8.1", "1.8.2"]);
    expect(day.totals.registers["1.8.1"]! + day.totals.registers["1.8.2"]!).toBeCloseTo(day.totals.importKwh, 2);

    const month = await energyHistory(t.db, { from: new Date("2026-10-19T00:00:00Z"), to: now });
    expect(month.resolution).toBe("HOUR");
    expect(month.phases).toBeNull();
    expect(month.importKwh.reduce((s, v) => s! + (v ?? 0), 0)).toBeCloseTo(month.totals.importKwh, 3);

    const year = await energyHistory(t.db, { from: new Date("2025-11-19T00:00:00Z"), to: now });
    expect(year.resolution).toBe("DAY");
    expect(year.t.length).toBeGreaterThanOrEqual(62);
    expect(year.t.length).toBeLessThanOrEqual(64);
  });

  it("shows the dashboard: latest power and phases, today's energy and the unacknowledged events", async () => {
    await raiseAlert(t.db, {
      sourceKind: "METER",
      sourceId: meter.id,
      type: "power_over_limit",
      params: { meter: "Atelier", powerW: 13_000, limitW: 12_000 },
      severity: "ERROR",
      category: "power",
      measuredValue: 13_000,
      unit: "W",
      threshold: 12_000,
    });
    const d = await energyDashboard(t.db, { timezone, now });
    const [m] = d.meters;
    expect(m!.status).toBe("ONLINE");
    expect(m!.powerW).toBeGreaterThan(1000);
    expect(d.sitePowerW).toBe(m!.powerW);
    expect(m!.phases.voltageV.every((v) => v !== null && v > 200)).toBe(true);
    expect(m!.grid.frequencyHz).toBeCloseTo(50, 0);
    expect(d.today.importKwh).toBeGreaterThan(5);
    expect(d.last24h.samples).toBe(288);
    expect(d.last24h.minPowerW!).toBeLessThan(d.last24h.averagePowerW!);
    expect(d.events[0]!.title).toBe("Atelier: power above the contract limit");
  });
});

describe("CSV export of readings", () => {
  it("streams every reading once, in time order, across pages that split readings of the same instant", async () => {
    const other = await t.db.meter.create({ data: { name: "second meter", protocol: "DSMR", transport: "REMOTE", pollIntervalSeconds: 300 } });
    const from = new Date("2026-11-18T00:00:00Z");
    const to = new Date("2026-11-18T06:00:00Z");
    await storeReadings(
      t.db,
      other,
      Array.from({ length: 72 }, (_, i) => ({ at: new Date(from.getTime() + i * 300_000), fields: { powerImportW: 0.1 + i, energyImportKwh: 1e-5 } })),
      { source: "ingest", timezone, expectedIntervalSeconds: 300 },
    );
    let text = "";
    for await (const chunk of readingsCsv(t.db, { from, to, pageSize: 7 })) text += chunk;
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe(["meterId", "at", ...readingFields].join(","));
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(144);
    expect(new Set(rows.map((r) => `${r[0]}@${r[1]}`)).size).toBe(144);
    expect(rows.map((r) => r[1])).toEqual([...rows.map((r) => r[1]!)].sort());
    const second = rows.filter((r) => r[0] === other.id);
    expect(second[0]![1]).toBe("2026-11-18T00:00:00.000Z");
    const column = (name: string) => 2 + readingFields.indexOf(name as (typeof readingFields)[number]);
    expect(Number(second[3]![column("powerImportW")])).toBe(3.1);
    expect(Number(second[3]![column("energyImportKwh")])).toBe(1e-5);
    expect(second[3]![column("voltageL1V")]).toBe("");

    let one = "";
    for await (const chunk of readingsCsv(t.db, { from, to, meterId: meter.id, pageSize: 5 })) one += chunk;
    expect(one.trim().split("\n")).toHaveLength(73);
  });
});
