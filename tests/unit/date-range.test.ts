import { describe, expect, it } from "vitest";
import { joinSeries } from "../../src/components/charts/join-series";
import { anchorOf, comparableRange, daysRange, lastDays, nextRange, presetRange, previousRange } from "../../src/lib/date-range";
import { calendarDayOf } from "../../src/lib/time-zone";

describe("date ranges of the energy screens, in the site's time zone", () => {
  const paris = "Europe/Paris";
  const at = (iso: string) => new Date(iso);
  const range = (from: string, to: string) => ({ from: at(from), to: at(to) });

  it("gives the calendar period holding a moment, weeks from Monday, whatever the browser's zone", () => {
    const anchor = at("2026-11-19T23:30:00Z"); // Friday 20 November 00:30 in Paris
    expect(presetRange("day", anchor, paris)).toEqual(range("2026-11-19T23:00:00Z", "2026-11-20T23:00:00Z"));
    expect(presetRange("week", anchor, paris)).toEqual(range("2026-11-15T23:00:00Z", "2026-11-22T23:00:00Z"));
    expect(presetRange("month", anchor, paris)).toEqual(range("2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z"));
    expect(presetRange("year", anchor, paris)).toEqual(range("2025-12-31T23:00:00Z", "2026-12-31T23:00:00Z"));
    expect(presetRange("day", anchor, "America/New_York")).toEqual(range("2026-11-19T05:00:00Z", "2026-11-20T05:00:00Z"));
  });

  it("counts a day across a clock change as 23 or 25 hours, custom ranges included", () => {
    expect(presetRange("day", at("2026-03-29T12:00:00Z"), paris)).toEqual(range("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
    expect(daysRange("2026-10-20", "2026-10-25", paris)).toEqual(range("2026-10-19T22:00:00Z", "2026-10-25T23:00:00Z"));
    expect(daysRange("2026-10-25", "2026-10-20", paris)).toBeNull();
    expect(calendarDayOf(at("2026-10-25T22:59:00Z"), paris)).toBe("2026-10-25");
  });

  it("switching period lands on the one holding today when the shown period holds it (Year → Month → Day)", () => {
    const now = at("2026-12-02T10:00:00Z");
    const year = presetRange("year", now, paris);
    const month = presetRange("month", anchorOf(year, now), paris);
    expect(month).toEqual(range("2026-11-30T23:00:00Z", "2026-12-31T23:00:00Z"));
    expect(presetRange("day", anchorOf(month, now), paris)).toEqual(range("2026-12-01T23:00:00Z", "2026-12-02T23:00:00Z"));
    const lastYear = previousRange("year", year, paris);
    expect(presetRange("month", anchorOf(lastYear, now), paris)).toEqual(range("2024-12-31T23:00:00Z", "2025-01-31T23:00:00Z"));
  });

  it("steps to the previous and next periods: calendar ones, or as many days for a custom range", () => {
    expect(previousRange("month", presetRange("month", at("2026-03-10T12:00:00Z"), paris), paris)).toEqual(
      range("2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z"),
    );
    expect(nextRange("month", range("2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z"), paris)).toEqual(range("2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z"));
    const custom = daysRange("2026-06-10", "2026-06-12", paris)!;
    expect(previousRange("custom", custom, paris)).toEqual(daysRange("2026-06-07", "2026-06-09", paris));
    expect(nextRange("custom", custom, paris)).toEqual(daysRange("2026-06-13", "2026-06-15", paris));
  });

  it("compares like with like: a week still running against as much of the week before", () => {
    const wednesdayNoon = at("2026-12-02T11:00:00Z");
    const week = presetRange("week", wednesdayNoon, paris);
    expect(comparableRange("week", week, paris, wednesdayNoon)).toEqual(range("2026-11-22T23:00:00Z", "2026-11-25T11:00:00Z"));
    const lastWeek = previousRange("week", week, paris);
    expect(comparableRange("week", lastWeek, paris, wednesdayNoon)).toEqual(previousRange("week", lastWeek, paris));
  });

  it("starts on the last 30 days, today included", () => {
    expect(lastDays(30, at("2026-12-02T10:00:00Z"), paris)).toEqual(range("2026-11-02T23:00:00Z", "2026-12-02T23:00:00Z"));
  });

  it("joins two series onto one x axis", () => {
    expect(joinSeries([1, 3], [[10, 30]], [2, 3], [[200, 300]])).toEqual([
      [1, 2, 3],
      [10, null, 30],
      [null, 200, 300],
    ]);
  });
});
