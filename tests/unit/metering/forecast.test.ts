import { describe, expect, it } from "vitest";
import { unusualDays } from "../../../src/metering/analysis";
import { backtest, forecastDay, LocalHourSeries } from "../../../src/metering/forecast";

const hour = 3_600_000;
/** Hourly energy from `start` for `hours` hours, valued by `f(local hour, index)`. */
const series = (start: string, hours: number, f: (i: number) => number) => Array.from({ length: hours }, (_, i) => ({ bucket: new Date(Date.parse(start) + i * hour), kwh: f(i) }));

describe("hourly forecast", () => {
  it("weights the four previous weeks, keyed by the local wall clock across a daylight-saving change", () => {
    // Paris: 1 kWh every hour, except 5 kWh at 09:00 local; the clocks go back on 25 October.
    const data = series("2026-09-27T22:00:00Z", 24 * 60, (i) => (new Date(Date.parse("2026-09-27T22:00:00Z") + i * hour).toLocaleString("en-GB", { timeZone: "Europe/Paris", hour: "2-digit" }) === "09" ? 5 : 1));
    const s = new LocalHourSeries(data, "Europe/Paris");
    const points = forecastDay(s, { year: 2026, month: 11, day: 5 });
    expect(points[9]!.kwh).toBeCloseTo(5, 9);
    expect(points[8]!.kwh).toBeCloseTo(1, 9);
    expect(points[9]!.at.toISOString()).toBe("2026-11-05T08:00:00.000Z");
    expect(forecastDay(s, { year: 2026, month: 10, day: 1 })[9]!.kwh).toBeNull();
  });

  it("scores both methods on the same hours; a steady series with one odd week favours the average", () => {
    // A Monday-to-Sunday week repeating, 2 kWh per hour, with one week at 4 kWh.
    const data = series("2026-09-06T22:00:00Z", 24 * 7 * 9, (i) => (Math.floor(i / 168) === 7 ? 4 : 2));
    const s = new LocalHourSeries(data, "Europe/Paris");
    const result = backtest(s, { year: 2026, month: 11, day: 6 }, 28);
    expect(result.hours).toBeGreaterThan(600);
    expect(result.naiveMape!).toBeGreaterThan(result.mape!);
  });
});

describe("unusual days", () => {
  const day = (date: string, weekday: number, importKwh: number, samples = 8640) => ({ date, weekday, importKwh, samples });
  it("flags a day far from the usual level of its kind, and skips incomplete days", () => {
    const days = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12].map((d) => day(`2026-06-${String(d).padStart(2, "0")}`, ((d - 1) % 7) + 1, 100 + d));
    days.push(day("2026-06-15", 1, 300), day("2026-06-16", 2, 20, 4000));
    expect(unusualDays(days)).toEqual([{ date: "2026-06-15", importKwh: 300, expectedKwh: expect.any(Number) }]);
  });
});
