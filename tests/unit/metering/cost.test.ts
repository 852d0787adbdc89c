import { describe, expect, it } from "vitest";
import { costByDay, costByMonth, periodAt, type HourEnergy, type TariffConfig } from "../../../src/metering/cost";

const hphc: TariffConfig = {
  id: "t1",
  name: "HP/HC",
  currency: "EUR",
  validFrom: new Date("2026-01-01T00:00:00+01:00"),
  validTo: null,
  importPricePerKwh: 0.25,
  exportPricePerKwh: 0.1,
  standingCharge: 31,
  standingChargePeriod: "MONTH",
  periods: [{ name: "heures creuses", weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 22 * 60, endMinute: 6 * 60, pricePerKwh: 0.15 }],
};
/** 1 kWh imported in every UTC hour of [from, to). */
const hourly = (from: string, to: string, exportKwh = 0): HourEnergy[] => {
  const out: HourEnergy[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += 3_600_000) out.push({ bucket: new Date(t), importKwh: 1, exportKwh });
  return out;
};
const TZ = "Europe/Paris";

describe("tariff periods", () => {
  it("cross midnight and belong to the day they start on", () => {
    const weekdaysOnly = { ...hphc, periods: [{ ...hphc.periods[0]!, weekdays: [1, 2, 3, 4, 5] }] };
    expect(periodAt(weekdaysOnly, 5, 23 * 60)?.name).toBe("heures creuses"); // Friday 23:00
    expect(periodAt(weekdaysOnly, 6, 3 * 60)?.name).toBe("heures creuses"); // Saturday 03:00, from Friday
    expect(periodAt(weekdaysOnly, 6, 23 * 60)).toBeNull(); // Saturday 23:00
    expect(periodAt(weekdaysOnly, 1, 3 * 60)).toBeNull(); // Monday 03:00, Sunday had none
    expect(periodAt(hphc, 3, 6 * 60)).toBeNull(); // 06:00 is already peak
  });
});

describe("cost per day", () => {
  it("prices each hour by its window, credits exports and shares the monthly charge over the month", () => {
    const [day] = costByDay(
      hourly("2026-01-14T23:00:00Z", "2026-01-15T23:00:00Z", 0.5),
      [hphc],
      TZ,
      new Date("2026-01-14T23:00:00Z"),
      new Date("2026-01-15T23:00:00Z"),
    );
    // 8 off-peak hours (22–06) and 16 peak hours.
    expect(day).toMatchObject({
      date: "2026-01-15",
      importKwh: 24,
      exportKwh: 12,
      byPeriod: { "heures creuses": { kwh: 8, cost: 1.2 }, base: { kwh: 16, cost: 4 } },
    });
    expect(day!.energyCost).toBeCloseTo(5.2);
    expect(day!.feedInCredit).toBeCloseTo(1.2);
    expect(day!.standingCharge).toBeCloseTo(1); // 31 € over January's 31 days
    expect(day!.total).toBeCloseTo(5.2 - 1.2 + 1);
  });

  it("counts 23 hours on the spring daylight-saving day and 25 in autumn", () => {
    const spring = costByDay(
      hourly("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"),
      [hphc],
      TZ,
      new Date("2026-03-28T23:00:00Z"),
      new Date("2026-03-29T22:00:00Z"),
    );
    expect(spring.map((d) => [d.date, d.importKwh, d.byPeriod["heures creuses"]!.kwh])).toEqual([["2026-03-29", 23, 7]]);
    const autumn = costByDay(
      hourly("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"),
      [hphc],
      TZ,
      new Date("2026-10-24T22:00:00Z"),
      new Date("2026-10-25T23:00:00Z"),
    );
    expect(autumn.map((d) => [d.date, d.importKwh, d.byPeriod["heures creuses"]!.kwh])).toEqual([["2026-10-25", 25, 9]]);
  });

  it("switches contract at its start date and keeps days without energy for their standing charge", () => {
    const newer: TariffConfig = {
      ...hphc,
      id: "t2",
      name: "Base",
      validFrom: new Date("2026-02-10T00:00:00+01:00"),
      importPricePerKwh: 0.3,
      standingCharge: 2,
      standingChargePeriod: "DAY",
      periods: [],
    };
    const days = costByDay(
      hourly("2026-02-08T23:00:00Z", "2026-02-09T23:00:00Z"),
      [hphc, newer],
      TZ,
      new Date("2026-02-08T23:00:00Z"),
      new Date("2026-02-10T23:00:00Z"),
    );
    expect(days.map((d) => [d.date, d.energyCost, d.standingCharge])).toEqual([
      ["2026-02-09", 5.2, round(31 / 28)],
      ["2026-02-10", 0, 2],
    ]);
    expect(costByMonth(days)).toEqual([expect.objectContaining({ month: "2026-02", days: 2, importKwh: 24, total: round(5.2 + 31 / 28 + 2) })]);
  });
});

function round(n: number) {
  return Math.round(n * 1e6) / 1e6;
}
