import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeReadings } from "../../src/metering/storage/store-readings";
import { energyCost, listTariffDays, saveTariff, tariffInput } from "../../src/metering/tariffs";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("energy cost from stored readings", () => {
  it("prices heures creuses and heures pleines across a daylight-saving night, and follows a tariff edit", async () => {
    const meter = await t.db.meter.create({ data: { name: "site", protocol: "DSMR", transport: "REMOTE", pollIntervalSeconds: 900 } });
    // 1 kWh every hour of 25 October 2026 in Paris (a 25-hour day), one reading per quarter hour.
    const start = Date.parse("2026-10-24T22:00:00Z");
    const readings = Array.from({ length: 25 * 4 + 1 }, (_, i) => ({ at: new Date(start + i * 900_000), fields: { energyImportKwh: 1000 + i * 0.25 } }));
    await storeReadings(t.db, meter, readings, { source: "ingest", timezone: "Europe/Paris", expectedIntervalSeconds: 900 });
    const tariff = await saveTariff(
      t.db,
      null,
      tariffInput.parse({
        name: "HP/HC",
        validFrom: "2026-01-01",
        importPricePerKwh: 0.25,
        standingCharge: 0,
        periods: [{ name: "HC", weekdays: [1, 2, 3, 4, 5, 6, 7], start: "22:00", end: "06:00", pricePerKwh: 0.15 }],
      }),
      "Europe/Paris",
    );
    // A calendar day in the site's zone: local midnight in Paris.
    expect(tariff.validFrom.toISOString()).toBe("2025-12-31T23:00:00.000Z");
    const range = { from: new Date("2026-10-24T22:00:00Z"), to: new Date("2026-10-25T23:00:00Z") };
    const before = await energyCost(t.db, range);
    const [day] = before.days;
    // The first quarter hour has no predecessor: 24.75 kWh over the day; 9 off-peak hours on a 25-hour day.
    expect(day).toMatchObject({ date: "2026-10-25", importKwh: 24.75 });
    expect(day!.byPeriod.HC!.kwh).toBeCloseTo(8.75);
    expect(day!.energyCost).toBeCloseTo(8.75 * 0.15 + 16 * 0.25);

    await saveTariff(
      t.db,
      tariff.id,
      tariffInput.parse({
        name: "HP/HC",
        validFrom: "2026-01-01",
        importPricePerKwh: 0.3,
        periods: [{ name: "HC", weekdays: [1, 2, 3, 4, 5, 6, 7], start: "22:00", end: "06:00", pricePerKwh: 0.15 }],
      }),
      "Europe/Paris",
    );
    // Shown back as the day it was entered, however often it is saved.
    expect((await listTariffDays(t.db, "Europe/Paris")).map((x) => [x.validFromDay, x.validToDay])).toEqual([["2026-01-01", null]]);
    const after = await energyCost(t.db, range);
    expect(after.days[0]!.energyCost).toBeCloseTo(8.75 * 0.15 + 16 * 0.3);
    expect(after.months[0]).toMatchObject({ month: "2026-10", days: 1 });
  });
});
