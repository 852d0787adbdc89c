import { afterAll, beforeAll, expect, it } from "vitest";
import { energyForecast } from "../../src/metering/analysis";
import { simulatorOptionsSchema } from "../../src/metering/meters/meter-link";
import { LoadModel } from "../../src/metering/simulator/load-model";
import { createDemoMeter } from "../../src/metering/simulator/demo-meter";
import { storeReadings } from "../../src/metering/storage/store-readings";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

it("a fresh install's demo meter has eight weeks of history, and its live readings continue its registers", async () => {
  const now = new Date("2026-11-19T10:07:00Z");
  const meter = await createDemoMeter(t.db, { timezone: "Europe/Paris", now });
  expect(meter.enabled).toBe(true);
  expect(await t.db.reading.count({ where: { meterId: meter.id } })).toBe(57 * 96);
  const forecast = await energyForecast(t.db, { timezone: "Europe/Paris", meterId: meter.id, now });
  expect(forecast.backtest.mape).not.toBeNull();
  expect(forecast.points.every((p) => p.kwh !== null)).toBe(true);

  // What the worker's simulator sends first, built from the stored options as the meter link does.
  const live = new LoadModel(simulatorOptionsSchema.parse(meter.simulator));
  const first = live.step(new Date("2026-11-19T10:07:10Z"));
  const outcome = await storeReadings(t.db, meter, [{ at: new Date("2026-11-19T10:07:10Z"), ...first }], {
    source: "simulator",
    timezone: "Europe/Paris",
    expectedIntervalSeconds: 10,
  });
  expect(outcome.registerWentBack).toBeNull();
  const hour = await t.db.readingRollup.findUniqueOrThrow({
    where: { meterId_period_bucket: { meterId: meter.id, period: "HOUR", bucket: new Date("2026-11-19T10:00:00Z") } },
  });
  // The first live reading adds no jump: at most the few minutes since the history ended.
  expect(hour.importKwh).toBeLessThan(1);
});
