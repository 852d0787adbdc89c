import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeterIngestor } from "../../src/metering/ingest";
import { MeterDecodeError } from "../../src/metering/errors";
import { checkHourlySpikes, markOfflineMeters, pruneReadings } from "../../src/metering/watchdog";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { decodedFrame } from "./helpers/decoded-frame";

let t: TestDatabase;
let ingestor: MeterIngestor;
beforeAll(async () => {
  t = await createTestDatabase();
  ingestor = new MeterIngestor(t.db);
});
afterAll(() => t.drop());

const meter = (name: string, extra: object = {}) =>
  t.db.meter.create({ data: { name, protocol: "DSMR", transport: "REMOTE", pollIntervalSeconds: 10, ...extra } });
const alerts = (meterId: string) => t.db.alert.findMany({ where: { sourceId: meterId }, orderBy: { occurredAt: "asc" } });

describe("MeterIngestor", () => {
  it("stores, publishes, and raises a de-duplicated event per anomaly", async () => {
    const m = await meter("sag");
    const now = Date.now();
    await ingestor.ingest(m, [decodedFrame(new Date(now - 20_000), { energyImportKwh: 1, voltageL1V: 196, voltageL2V: 230 })], "push");
    await ingestor.ingest(m, [decodedFrame(new Date(now - 10_000), { energyImportKwh: 1.1, voltageL1V: 195, voltageL2V: 230 })], "push");
    const raised = await alerts(m.id);
    expect(raised.map((a) => [a.type, a.severity, a.measuredValue, a.code, a.threshold])).toEqual([["voltage_low", "ERROR", 196, "1-0:32.7.0", 207]]);
    const events = await t.db.liveEvent.findMany({ where: { topic: "energy", type: "reading", payload: { path: ["meterId"], equals: m.id } } });
    expect(events).toHaveLength(2);
  });

  it("applies a meter's own threshold over the setting", async () => {
    const m = await meter("small contract", { thresholds: { contractLimitW: 3000 } });
    await ingestor.ingest(m, [decodedFrame(new Date(), { powerImportW: 3500 })], "push");
    expect((await alerts(m.id)).map((a) => [a.type, a.threshold])).toEqual([["power_over_limit", 3000]]);
  });

  it("stamps a frame whose clock is far off with the time it was received", async () => {
    const m = await meter("clock");
    const received = new Date();
    await ingestor.ingest(m, [decodedFrame(new Date("2001-01-01T00:00:00Z"), { energyImportKwh: 5 })], "push", received);
    expect((await t.db.reading.findFirstOrThrow({ where: { meterId: m.id } })).at).toEqual(received);
  });

  it("raises an event on a register going backwards", async () => {
    const m = await meter("reset");
    const now = Date.now();
    await ingestor.ingest(
      m,
      [decodedFrame(new Date(now - 20_000), { energyImportKwh: 900 }), decodedFrame(new Date(now - 10_000), { energyImportKwh: 3 })],
      "push",
    );
    expect((await alerts(m.id)).map((a) => a.type)).toEqual(["register_backwards"]);
  });

  it("keeps a register jump no meter can make out of consumption and raises it once", async () => {
    // The case: 6.8 → 6,757 kWh in 18 s would be 1.35 MW, far above 3 × 63 A × 230 V.
    const m = await meter("jump", { pollIntervalSeconds: 6 });
    const start = Date.now() - 60_000;
    const at = (s: number) => new Date(start + s * 1000);
    await ingestor.ingest(
      m,
      [decodedFrame(at(0), { energyImportKwh: 6.8, powerImportW: 500 }), decodedFrame(at(6), { energyImportKwh: 6.801, powerImportW: 500 })],
      "push",
    );
    const outcome = await ingestor.ingest(
      m,
      [decodedFrame(at(18), { energyImportKwh: 6757.178, powerImportW: 500 }), decodedFrame(at(24), { energyImportKwh: 6757.179, powerImportW: 500 })],
      "push",
    );
    expect(outcome.registerJumps).toEqual([expect.objectContaining({ field: "energyImportKwh", from: 6.801, to: 6757.178 })]);
    const counted = await t.db.readingRollup.aggregate({ where: { meterId: m.id, period: "HOUR" }, _sum: { importKwh: true } });
    expect(counted._sum.importKwh).toBeCloseTo(0.002, 6);
    expect((await alerts(m.id)).map((a) => [a.type, a.severity, a.code])).toEqual([["register_jump", "ERROR", "1-0:1.8.0"]]);
    // A register that counts whole kWh may step by one between two readings.
    const coarse = await meter("coarse", { pollIntervalSeconds: 10 });
    const steps = await ingestor.ingest(coarse, [decodedFrame(at(0), { energyImportKwh: 100 }), decodedFrame(at(10), { energyImportKwh: 101 })], "push");
    expect(steps.registerJumps).toEqual([]);
  });

  it("turns a burst of checksum errors into one event", async () => {
    const m = await meter("noisy");
    for (let i = 0; i < 6; i++) await ingestor.refused(m, new MeterDecodeError("CHECKSUM", "CRC 1234 does not match"));
    expect((await alerts(m.id)).map((a) => [a.type, a.measuredValue])).toEqual([["checksum_errors", 5]]);
    expect((await t.db.meter.findUniqueOrThrow({ where: { id: m.id } })).lastError).toBe("CHECKSUM: CRC 1234 does not match");
  });
});

describe("meter watchdog tasks", () => {
  it("marks a silent meter offline once, and its next reading brings it back", async () => {
    const m = await meter("silent", { lastReadingAt: new Date(Date.now() - 120_000), status: "ONLINE" });
    expect(await markOfflineMeters(t.db)).toContain(m.id);
    expect(await markOfflineMeters(t.db)).not.toContain(m.id);
    const offline = await t.db.meter.findUniqueOrThrow({ where: { id: m.id } });
    expect(offline.status).toBe("OFFLINE");
    await ingestor.ingest(offline, [decodedFrame(new Date(), { energyImportKwh: 1 })], "push");
    expect((await t.db.meter.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("ONLINE");
    expect((await alerts(m.id)).map((a) => a.type)).toEqual(["meter_offline", "meter_online"]);
  });

  it("flags an hour far above the same hour of previous weeks", async () => {
    const m = await meter("spike");
    const hour = new Date("2026-11-16T09:00:00Z");
    const rows = [0, 1, 2, 3].map((w) => ({
      meterId: m.id,
      period: "HOUR" as const,
      bucket: new Date(hour.getTime() - w * 7 * 86_400_000),
      importKwh: w === 0 ? 9 : 2,
    }));
    await t.db.readingRollup.createMany({ data: rows });
    expect(await checkHourlySpikes(t.db, hour)).toBe(1);
    expect((await alerts(m.id)).map((a) => [a.type, a.measuredValue, a.threshold])).toEqual([["consumption_spike", 9, 6]]);
  });

  it("prunes raw readings past their retention and keeps roll-ups", async () => {
    const m = await meter("old");
    await t.db.reading.create({ data: { meterId: m.id, at: new Date(Date.now() - 500 * 86_400_000), source: "push" } });
    await t.db.readingRollup.create({ data: { meterId: m.id, period: "DAY", bucket: new Date(Date.now() - 500 * 86_400_000) } });
    expect(await pruneReadings(t.db)).toBeGreaterThanOrEqual(1);
    expect(await t.db.readingRollup.count({ where: { meterId: m.id } })).toBe(1);
  });
});
