import { describe, expect, it } from "vitest";
import { unusualDays } from "../../../src/metering/analysis";
import { backtest, forecastDay, LocalHourSeries } from "../../../src/metering/forecast";

const hour = 3_600_000;
/** Hourly energy from `start` for `hours` hours, valued by `f(local hour, index)`. */
const series = (start: string, hours: number, f: (i: number) => number) =>
  Array.from({ length: hours }, (_, i) => ({ bucket: new Date(Date.parse(start) + i * hour), kwh: f(i) }));

describe("hourly forecast", () => {
  it("takes similar days, keyed by the local wall clock across a daylight-saving change", () => {
    // Paris: 1 kWh every hour, except 5 kWh at 09:00 local; the clocks go back on 25 October.
    const data = series("2026-09-27T22:00:00Z", 24 * 60, (i) =>
      new Date(Date.parse("2026-09-27T22:00:00Z") + i * hour).toLocaleString("en-GB", { timeZone: "Europe/Paris", hour: "2-digit" }) === "09" ? 5 : 1,
    );
    const s = new LocalHourSeries(data, "Europe/Paris");
    const points = forecastDay(s, { year: 2026, month: 11, day: 5 });
    expect(points[9]!.kwh).toBeCloseTo(5, 9);
    expect(points[8]!.kwh).toBeCloseTo(1, 9);
    expect(points[9]!.at.toISOString()).toBe("2026-11-05T08:00:00.000Z");
    // No similar day before Tuesday 29 September: the series starts on Monday 28.
    expect(forecastDay(s, { year: 2026, month: 9, day: 29 })[9]!.kwh).toBeNull();
  });

  it("leaves out weeks on another UTC offset: the sun does not follow daylight saving", () => {
    // Solar-like: 5 kWh at 11:00 UTC, 1 kWh otherwise, across the 25 October change (Paris: 13:00 local before, 12:00 after).
    const data = series("2026-09-27T22:00:00Z", 24 * 60, (i) => (new Date(Date.parse("2026-09-27T22:00:00Z") + i * hour).getUTCHours() === 11 ? 5 : 1));
    const s = new LocalHourSeries(data, "Europe/Paris");
    const day = forecastDay(s, { year: 2026, month: 11, day: 5 });
    expect(day[12]!.kwh).toBe(5);
    expect(day[13]!.kwh).toBe(1);
  });

  it("scores both methods on the same hours; a steady series with one odd week favours the median", () => {
    // Winter (no clock change): 2 kWh every hour, except one week at 4 kWh.
    const data = series("2026-11-01T23:00:00Z", 24 * 7 * 9, (i) => (Math.floor(i / 168) === 6 ? 4 : 2));
    const s = new LocalHourSeries(data, "Europe/Paris");
    const result = backtest(s, { year: 2027, month: 1, day: 3 }, 28);
    expect(result.hours).toBe(28 * 24);
    // The odd week fools both (50 % off for a week: 12.5 % over four). The week after, the naive
    // forecast repeats it all week (100 % off: 25 % more); the median only on Monday and Tuesday,
    // whose similar days of the previous week are all in the odd week (2 days: 7.1 % more).
    expect(result.mape!).toBeCloseTo(12.5 + (100 * 2) / 28, 6);
    expect(result.naiveMape!).toBeCloseTo(37.5, 6);
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
