import { startOfZonedDay, zonedParts } from "../lib/time-zone";

export type TariffPeriodConfig = { name: string; weekdays: number[]; startMinute: number; endMinute: number; pricePerKwh: number };
export type TariffConfig = {
  id: string;
  name: string;
  currency: string;
  validFrom: Date;
  validTo: Date | null;
  importPricePerKwh: number;
  exportPricePerKwh: number;
  standingCharge: number;
  standingChargePeriod: "DAY" | "MONTH";
  periods: TariffPeriodConfig[];
};
export type HourEnergy = { bucket: Date; importKwh: number; exportKwh: number };
export type DayCost = {
  /** Local date, YYYY-MM-DD. */
  date: string;
  importKwh: number;
  exportKwh: number;
  energyCost: number;
  feedInCredit: number;
  standingCharge: number;
  total: number;
  currency: string | null;
  /** Import energy and cost per tariff period ("base" outside every period). */
  byPeriod: Record<string, { kwh: number; cost: number }>;
};

/** The contract in force at `t`: the latest one started, unless it has ended. */
export function tariffAt(tariffs: TariffConfig[], t: Date): TariffConfig | null {
  let best: TariffConfig | null = null;
  for (const tariff of tariffs) {
    if (tariff.validFrom <= t && (!tariff.validTo || t < tariff.validTo) && (!best || tariff.validFrom > best.validFrom)) best = tariff;
  }
  return best;
}

/** The time-of-use window covering a local weekday (1–7) and minute, or null (base price). */
export function periodAt(tariff: TariffConfig, weekday: number, minute: number): TariffPeriodConfig | null {
  const previousDay = weekday === 1 ? 7 : weekday - 1;
  for (const p of tariff.periods) {
    if (p.startMinute < p.endMinute) {
      if (p.weekdays.includes(weekday) && minute >= p.startMinute && minute < p.endMinute) return p;
    } else if ((p.weekdays.includes(weekday) && minute >= p.startMinute) || (p.weekdays.includes(previousDay) && minute < p.endMinute)) {
      // A window crossing midnight belongs to the day it starts on.
      return p;
    }
  }
  return null;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const isoWeekday = (year: number, month: number, day: number) => ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Cost per local day over [from, to): each hour's energy priced by the contract and window in force
 * at its start (local time, so a window follows the clock across daylight-saving changes; windows are
 * applied at hour resolution, as the roll-ups are hourly), the feed-in credit, and the standing
 * charge of every day (a monthly one shared out over the month's days). A day follows the local
 * calendar, so it has 23 or 25 hours on daylight-saving days.
 */
export function costByDay(hours: HourEnergy[], tariffs: TariffConfig[], timezone: string, from: Date, to: Date): DayCost[] {
  const days = new Map<string, DayCost>();
  const dayOf = (t: Date) => {
    const p = zonedParts(t, timezone);
    const date = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
    let entry = days.get(date);
    if (!entry) {
      const start = startOfZonedDay(t, timezone);
      const tariff = tariffAt(tariffs, start);
      const standing = !tariff ? 0 : tariff.standingChargePeriod === "DAY" ? tariff.standingCharge : tariff.standingCharge / daysInMonth(p.year, p.month);
      entry = {
        date,
        importKwh: 0,
        exportKwh: 0,
        energyCost: 0,
        feedInCredit: 0,
        standingCharge: standing,
        total: 0,
        currency: tariff?.currency ?? null,
        byPeriod: {},
      };
      days.set(date, entry);
    }
    return { entry, parts: p };
  };
  // Every local day of the range appears, with its standing charge, even without energy.
  for (let t = startOfZonedDay(from, timezone); t < to; t = startOfZonedDay(new Date(t.getTime() + 30 * 3_600_000), timezone)) dayOf(t);
  for (const hour of hours) {
    if (hour.bucket < from || hour.bucket >= to) continue;
    const { entry, parts } = dayOf(hour.bucket);
    const tariff = tariffAt(tariffs, hour.bucket);
    const period = tariff ? periodAt(tariff, isoWeekday(parts.year, parts.month, parts.day), parts.hour * 60 + parts.minute) : null;
    const price = period?.pricePerKwh ?? tariff?.importPricePerKwh ?? 0;
    entry.importKwh += hour.importKwh;
    entry.exportKwh += hour.exportKwh;
    entry.energyCost += hour.importKwh * price;
    entry.feedInCredit += hour.exportKwh * (tariff?.exportPricePerKwh ?? 0);
    const periodName = period?.name ?? "base";
    entry.byPeriod[periodName] ??= { kwh: 0, cost: 0 };
    const slot = entry.byPeriod[periodName];
    slot.kwh += hour.importKwh;
    slot.cost += hour.importKwh * price;
  }
  return [...days.values()]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((d) => ({
      ...d,
      importKwh: round(d.importKwh),
      exportKwh: round(d.exportKwh),
      energyCost: round(d.energyCost),
      feedInCredit: round(d.feedInCredit),
      standingCharge: round(d.standingCharge),
      total: round(d.energyCost - d.feedInCredit + d.standingCharge),
      byPeriod: Object.fromEntries(Object.entries(d.byPeriod).map(([k, v]) => [k, { kwh: round(v.kwh), cost: round(v.cost) }])),
    }));
}

/** Days folded into months (YYYY-MM). */
export function costByMonth(days: DayCost[]) {
  const months = new Map<string, Omit<DayCost, "date" | "byPeriod"> & { month: string; days: number }>();
  for (const d of days) {
    const month = d.date.slice(0, 7);
    const m = months.get(month) ?? {
      month,
      days: 0,
      importKwh: 0,
      exportKwh: 0,
      energyCost: 0,
      feedInCredit: 0,
      standingCharge: 0,
      total: 0,
      currency: d.currency,
    };
    m.days++;
    m.importKwh += d.importKwh;
    m.exportKwh += d.exportKwh;
    m.energyCost += d.energyCost;
    m.feedInCredit += d.feedInCredit;
    m.standingCharge += d.standingCharge;
    m.total += d.total;
    months.set(month, m);
  }
  return [...months.values()].map((m) => ({
    ...m,
    importKwh: round(m.importKwh),
    exportKwh: round(m.exportKwh),
    energyCost: round(m.energyCost),
    feedInCredit: round(m.feedInCredit),
    standingCharge: round(m.standingCharge),
    total: round(m.total),
  }));
}
