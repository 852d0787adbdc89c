import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeReadings, type ReadingInput } from "../../src/metering/storage/store-readings";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const options = { source: "push" as const, timezone: "Europe/Paris", expectedIntervalSeconds: 60 };
const meter = async (name: string) => t.db.meter.create({ data: { name, protocol: "DSMR", transport: "REMOTE" } });
const minute = (iso: string, i: number) => new Date(Date.parse(iso) + i * 60_000);
const reading = (at: Date, kwh: number, powerW: number, registers?: Record<string, number>): ReadingInput => ({
  at,
  fields: { energyImportKwh: kwh, powerImportW: powerW },
  registers,
});
const rollups = (meterId: string, period: "HOUR" | "DAY") => t.db.readingRollup.findMany({ where: { meterId, period }, orderBy: { bucket: "asc" } });

describe("storeReadings", () => {
  it("stores a reading whose M-Bus device id holds a NUL (PostgreSQL refuses it in jsonb), with U+FFFD in its place", async () => {
    const m = await meter("nul in m-bus id");
    const at = new Date("2026-06-02T10:00:00Z");
    const mbus = [{ channel: 1, deviceType: 3, equipmentId: "G4\u0000711", value: 12.5, unit: "m3", timestamp: at }];
    expect(await storeReadings(t.db, m, [{ ...reading(at, 1, 100), mbus }], options)).toMatchObject({ stored: 1 });
    const [stored] = await t.db.reading.findMany({ where: { meterId: m.id } });
    expect((stored!.mbus as { equipmentId: string }[])[0]!.equipmentId).toBe("G4\ufffd711");
  });

  it("stores readings once and keeps hourly and daily roll-ups as register differences", async () => {
    const m = await meter("rollups");
    // 10:00–11:59 UTC, 0.01 kWh a minute, power rising by 10 W a minute.
    const batch = Array.from({ length: 120 }, (_, i) => reading(minute("2026-06-01T10:00:00Z", i), 100 + i * 0.01, 1000 + i * 10, { "1.8.1": 60 + i * 0.01 }));
    const first = await storeReadings(t.db, m, batch, options);
    expect(first).toMatchObject({ stored: 120, duplicates: 0, gaps: [] });
    const again = await storeReadings(t.db, m, batch.slice(50, 70), options);
    expect(again).toMatchObject({ stored: 0, duplicates: 20 });

    const hours = await rollups(m.id, "HOUR");
    expect(hours.map((h) => [h.bucket.toISOString(), +h.importKwh.toFixed(6), h.samples])).toEqual([
      ["2026-06-01T10:00:00.000Z", 0.59, 60], // the first reading has no predecessor
      ["2026-06-01T11:00:00.000Z", 0.6, 60],
    ]);
    expect(hours[0]).toMatchObject({ powerMinW: 1000, powerMaxW: 1590 });
    expect(hours[0]!.powerSumW / hours[0]!.powerSamples).toBeCloseTo(1295);
    expect((hours[1]!.registers as Record<string, number>)["1.8.1"]).toBeCloseTo(0.6);
    const [day] = await rollups(m.id, "DAY");
    // Paris is UTC+2 in June: the day starts at 22:00 UTC the day before.
    expect(day!.bucket.toISOString()).toBe("2026-05-31T22:00:00.000Z");
    expect(day!.importKwh).toBeCloseTo(1.19);
    expect(day!.samples).toBe(120);
    expect(await t.db.reading.count({ where: { meterId: m.id } })).toBe(120);
    expect((await t.db.meter.findUniqueOrThrow({ where: { id: m.id } })).lastReadingAt).toEqual(batch.at(-1)!.at);
  });

  it("adds a later batch to the same buckets incrementally", async () => {
    const m = await meter("incremental");
    const all = Array.from({ length: 30 }, (_, i) => reading(minute("2026-06-02T08:00:00Z", i), 50 + i * 0.1, 500));
    await storeReadings(t.db, m, all.slice(0, 10), options);
    await storeReadings(t.db, m, all.slice(10), options);
    const [hour] = await rollups(m.id, "HOUR");
    expect(hour!.importKwh).toBeCloseTo(2.9);
    expect(hour!.samples).toBe(30);
  });

  it("starts a new segment when the register goes down, never counting negative energy", async () => {
    const m = await meter("reset");
    const outcome = await storeReadings(
      t.db,
      m,
      [
        reading(minute("2026-06-03T08:00:00Z", 0), 5000, 100),
        reading(minute("2026-06-03T08:00:00Z", 1), 5000.5, 100),
        reading(minute("2026-06-03T08:00:00Z", 2), 0.2, 100),
        reading(minute("2026-06-03T08:00:00Z", 3), 0.4, 100),
      ],
      options,
    );
    expect(outcome.registerWentBack).toEqual({ at: minute("2026-06-03T08:00:00Z", 2), from: 5000.5, to: 0.2 });
    const [hour] = await rollups(m.id, "HOUR");
    expect(hour!.importKwh).toBeCloseTo(0.7);
    expect((await t.db.meter.findUniqueOrThrow({ where: { id: m.id } })).segment).toBe(1);
    const segments = await t.db.reading.findMany({ where: { meterId: m.id }, orderBy: { at: "asc" }, select: { segment: true } });
    expect(segments.map((s) => s.segment)).toEqual([0, 0, 1, 1]);
  });

  it("records a silence longer than three expected intervals as a gap", async () => {
    const m = await meter("gap");
    const outcome = await storeReadings(
      t.db,
      m,
      [reading(new Date("2026-06-04T08:00:00Z"), 10, 100), reading(new Date("2026-06-04T08:30:00Z"), 11, 100)],
      options,
    );
    expect(outcome.gaps).toEqual([{ fromAt: new Date("2026-06-04T08:00:00Z"), toAt: new Date("2026-06-04T08:30:00Z") }]);
    expect(await t.db.readingGap.count({ where: { meterId: m.id } })).toBe(1);
  });

  it("puts a reading of a daylight-saving day in the right local day", async () => {
    const m = await meter("dst");
    // 25 October 2026, Paris: a 25-hour day from 22:00 UTC (24th) to 23:00 UTC (25th).
    await storeReadings(
      t.db,
      m,
      [reading(new Date("2026-10-25T22:30:00Z"), 1, 0), reading(new Date("2026-10-25T22:59:00Z"), 2, 0), reading(new Date("2026-10-25T23:00:00Z"), 3, 0)],
      options,
    );
    const days = await rollups(m.id, "DAY");
    expect(days.map((d) => [d.bucket.toISOString(), d.importKwh, d.samples])).toEqual([
      ["2026-10-24T22:00:00.000Z", 1, 2],
      ["2026-10-25T23:00:00.000Z", 1, 1],
    ]);
  });
});
