import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAppSetting } from "../../src/composition/settings-catalog";
import { MeterDecodeError } from "../../src/metering/errors";
import { MeterIngestor } from "../../src/metering/ingest";
import { meterOverview, setMeterThresholds } from "../../src/metering/meters/overview";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { decodedFrame } from "./helpers/decoded-frame";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("a meter's page", () => {
  it("shows its latest readings newest first and its last refused frame", async () => {
    const meter = await t.db.meter.create({ data: { name: "page", protocol: "DSMR", transport: "REMOTE" } });
    const ingestor = new MeterIngestor(t.db);
    const now = Date.now();
    for (let i = 0; i < 12; i++)
      await ingestor.ingest(meter, [decodedFrame(new Date(now - (12 - i) * 10_000), { energyImportKwh: 100 + i, powerImportW: 500 })], "push");
    await ingestor.refused(meter, new MeterDecodeError("CHECKSUM", "CRC 1234 expected ABCD"));
    const page = await meterOverview(t.db, meter.id);
    expect(page.readings).toHaveLength(10);
    expect(page.readings[0]).toMatchObject({ energyImportKwh: 111, powerImportW: 500, voltageL1V: null, source: "push" });
    expect(page.meter.lastError).toBe("CHECKSUM: CRC 1234 expected ABCD");
    expect(page.meter).not.toHaveProperty("encryptionKey");
  });

  it("holds a meter to its own thresholds where set, the site's elsewhere, each checked by its setting's rules", async () => {
    const meter = await t.db.meter.create({ data: { name: "thresholds", protocol: "DSMR", transport: "REMOTE" } });
    await updateAppSetting(t.db, "energy.contractLimitW", 12_000, null);
    let page = await setMeterThresholds(t.db, meter.id, { contractLimitW: 6000 });
    const limit = () => page.thresholds.find((th) => th.name === "contractLimitW")!;
    expect(limit()).toMatchObject({ key: "energy.contractLimitW", site: 12_000, effective: 6000, own: 6000 });
    expect(page.thresholds.find((th) => th.name === "nominalVoltageV")).toMatchObject({ effective: 230, own: null });

    await expect(setMeterThresholds(t.db, meter.id, { minPowerFactor: 2 })).rejects.toMatchObject({ code: "invalid_threshold" });
    page = await meterOverview(t.db, meter.id);
    expect(limit().own).toBe(6000);

    page = await setMeterThresholds(t.db, meter.id, { contractLimitW: null });
    expect(limit()).toMatchObject({ effective: 12_000, own: null });
    await expect(setMeterThresholds(t.db, "no-such-meter", {})).rejects.toMatchObject({ code: "not_found" });
  });
});
