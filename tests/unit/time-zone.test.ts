import { describe, expect, it } from "vitest";
import { calendarDayOf, offsetSegments, startOfCalendarDay, zonedParts } from "../../src/lib/time-zone";

describe("time zones", () => {
  it("reads wall-clock fields", () => {
    expect(zonedParts(new Date("2026-10-25T00:30:00Z"), "Europe/Paris")).toEqual({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 });
    expect(zonedParts(new Date("2026-10-25T01:30:00Z"), "Europe/Paris")).toMatchObject({ hour: 2, minute: 30 });
    expect(zonedParts(new Date("2026-12-31T23:59:59Z"), "Pacific/Kiritimati")).toMatchObject({ year: 2027, month: 1, day: 1, hour: 13 });
  });

  it("splits a range where the offset changes, to the minute, half-hour zones included", () => {
    expect(offsetSegments(new Date("2025-11-21T22:00:00Z"), new Date("2026-11-21T22:00:00Z"), "Europe/Paris")).toEqual([
      { until: new Date("2026-03-29T01:00:00Z"), offsetMinutes: 60 },
      { until: new Date("2026-10-25T01:00:00Z"), offsetMinutes: 120 },
      { until: new Date("2026-11-21T22:00:00Z"), offsetMinutes: 60 },
    ]);
    expect(offsetSegments(new Date("2026-01-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z"), "Australia/Lord_Howe").map((s) => s.offsetMinutes)).toEqual([
      660, 630, 660,
    ]);
    expect(offsetSegments(new Date("2026-01-01T00:00:00Z"), new Date("2026-02-01T00:00:00Z"), "UTC")).toEqual([
      { until: new Date("2026-02-01T00:00:00Z"), offsetMinutes: 0 },
    ]);
  });
});

describe("calendar days", () => {
  it("start at local midnight in the zone, and are read back as the same day", () => {
    for (const [day, zone, instant] of [
      ["2026-10-01", "Europe/Paris", "2026-09-30T22:00:00.000Z"],
      ["2026-01-01", "Europe/Paris", "2025-12-31T23:00:00.000Z"],
      ["2026-03-29", "Europe/Paris", "2026-03-28T23:00:00.000Z"],
      ["2026-10-01", "Pacific/Auckland", "2026-09-30T11:00:00.000Z"],
      ["2026-10-01", "America/Los_Angeles", "2026-10-01T07:00:00.000Z"],
    ] as const) {
      expect(startOfCalendarDay(day, zone).toISOString()).toBe(instant);
      expect(calendarDayOf(new Date(instant), zone)).toBe(day);
    }
  });
});
