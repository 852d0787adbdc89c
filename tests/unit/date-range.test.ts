import { describe, expect, it } from "vitest";
import { joinSeries } from "../../src/components/charts/join-series";
import { presetRange, previousRange, toDateInput } from "../../src/lib/date-range";

describe("date ranges of the energy screens", () => {
  it("gives the calendar period holding a date, weeks from Monday", () => {
    const anchor = new Date(2026, 10, 19, 15, 30); // Thursday 19 November 2026, local time
    expect(presetRange("day", anchor)).toEqual({ from: new Date(2026, 10, 19), to: new Date(2026, 10, 20) });
    expect(presetRange("week", anchor)).toEqual({ from: new Date(2026, 10, 16), to: new Date(2026, 10, 23) });
    expect(presetRange("month", anchor)).toEqual({ from: new Date(2026, 10, 1), to: new Date(2026, 11, 1) });
    expect(presetRange("year", anchor)).toEqual({ from: new Date(2026, 0, 1), to: new Date(2027, 0, 1) });
  });

  it("steps back to the previous period: the calendar one, or as long a stretch for a custom range", () => {
    expect(previousRange("month", presetRange("month", new Date(2026, 2, 10)))).toEqual({ from: new Date(2026, 1, 1), to: new Date(2026, 2, 1) });
    expect(previousRange("week", presetRange("week", new Date(2026, 0, 1)))).toEqual({ from: new Date(2025, 11, 22), to: new Date(2025, 11, 29) });
    expect(previousRange("custom", { from: new Date(2026, 5, 10), to: new Date(2026, 5, 13) })).toEqual({
      from: new Date(2026, 5, 7),
      to: new Date(2026, 5, 10),
    });
    expect(toDateInput(new Date(2026, 0, 5))).toBe("2026-01-05");
  });

  it("joins two series onto one x axis", () => {
    expect(joinSeries([1, 3], [[10, 30]], [2, 3], [[200, 300]])).toEqual([
      [1, 2, 3],
      [10, null, 30],
      [null, 200, 300],
    ]);
  });
});
