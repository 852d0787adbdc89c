import { median } from "../lib/median";
import { offsetMinutes, zonedParts, zonedTimeToUtc } from "../lib/time-zone";

/** Energy imported during one hour (kWh, i.e. the hour's average kW). */
export type HourlyEnergy = { bucket: Date; kwh: number };
/** A local calendar day. */
export type LocalDate = { year: number; month: number; day: number };

export type ForecastPoint = { at: Date; hour: number; kwh: number | null };
export type Backtest = {
  /** Mean absolute percentage error of the forecast, in %. */
  mape: number | null;
  /** The same for the naive forecast "same hour, same day last week". */
  naiveMape: number | null;
  /** Hours scored (those with a forecast from both methods and a measurable actual). */
  hours: number;
  days: number;
};

/** Hours whose actual is under this share of the mean are left out of MAPE, which is undefined near zero. */
const MAPE_FLOOR = 0.05;

export const addDays = (d: LocalDate, days: number): LocalDate => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
const isWeekend = (d: LocalDate) => [0, 6].includes(new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay());
const key = (d: LocalDate, hour: number) => ((d.year * 100 + d.month) * 100 + d.day) * 100 + hour;

/**
 * Hourly energy keyed by local date and hour, so "the same hour a week before" follows the wall clock
 * across daylight-saving changes (the repeated autumn hour is summed into one).
 */
export class LocalHourSeries {
  private readonly values = new Map<number, number>();
  /** UTC offset (minutes) of each local day, at noon. */
  private readonly offsets = new Map<number, number>();

  constructor(
    hours: HourlyEnergy[],
    readonly timezone: string,
  ) {
    for (const h of hours) {
      const p = zonedParts(h.bucket, timezone);
      const k = key(p, p.hour);
      this.values.set(k, (this.values.get(k) ?? 0) + h.kwh);
      if (p.hour === 12) this.offsets.set(key(p, 0), (Date.UTC(p.year, p.month - 1, p.day, 12) - h.bucket.getTime()) / 60_000);
    }
  }

  get(day: LocalDate, hour: number): number | undefined {
    return this.values.get(key(day, hour));
  }

  private offset(day: LocalDate): number {
    const k = key(day, 0);
    let offset = this.offsets.get(k);
    if (offset === undefined) {
      offset = offsetMinutes(zonedTimeToUtc(day.year, day.month, day.day, 12, 0, this.timezone), this.timezone);
      this.offsets.set(k, offset);
    }
    return offset;
  }

  /**
   * The forecast: the median of the same local hour on similar days — the same weekday of the four
   * previous weeks, and the days of the same kind (working day or weekend) two to six days before
   * (the day before is still incomplete when tomorrow is forecast). The median ignores one unusual
   * hour (a spike, a holiday). People follow the clock but the sun (solar panels) does not, so days
   * on another UTC offset (across a daylight-saving change) are left out while one on the same
   * offset remains.
   */
  forecast(day: LocalDate, hour: number): number | null {
    const target = this.offset(day);
    const weekend = isWeekend(day);
    const days = [...[1, 2, 3, 4].map((w) => addDays(day, -7 * w)), ...[2, 3, 4, 5, 6].map((d) => addDays(day, -d)).filter((d) => isWeekend(d) === weekend)];
    const candidates = days
      .map((past) => ({ value: this.get(past, hour), sameOffset: this.offset(past) === target }))
      .filter((w): w is { value: number; sameOffset: boolean } => w.value !== undefined);
    const used = candidates.some((w) => w.sameOffset) ? candidates.filter((w) => w.sameOffset) : candidates;
    return used.length ? median(used.map((w) => w.value)) : null;
  }

  naive(day: LocalDate, hour: number): number | null {
    return this.get(addDays(day, -7), hour) ?? null;
  }
}

/** The 24 hourly forecasts of one local day (23 or 25 instants on daylight-saving days are folded to 24 hours). */
export function forecastDay(series: LocalHourSeries, day: LocalDate): ForecastPoint[] {
  return Array.from({ length: 24 }, (_, hour) => ({
    at: zonedTimeToUtc(day.year, day.month, day.day, hour, 0, series.timezone),
    hour,
    kwh: series.forecast(day, hour),
  }));
}

/**
 * Scores the forecast and the naive one on the `days` complete days up to `lastDay`, each hour
 * predicted from what came before its day only (both methods look back whole weeks, so the history
 * they read always precedes the day scored).
 */
export function backtest(series: LocalHourSeries, lastDay: LocalDate, days = 28): Backtest {
  const scored: { actual: number; forecast: number; naive: number }[] = [];
  let total = 0;
  for (let d = days - 1; d >= 0; d--) {
    const day = addDays(lastDay, -d);
    for (let hour = 0; hour < 24; hour++) {
      const actual = series.get(day, hour);
      const forecast = series.forecast(day, hour);
      const naive = series.naive(day, hour);
      if (actual === undefined || forecast === null || naive === null) continue;
      scored.push({ actual, forecast, naive });
      total += actual;
    }
  }
  const floor = scored.length ? (total / scored.length) * MAPE_FLOOR : 0;
  const kept = scored.filter((s) => s.actual > floor);
  const mape = (pick: (s: (typeof kept)[number]) => number) =>
    kept.length ? (100 * kept.reduce((acc, s) => acc + Math.abs(pick(s) - s.actual) / s.actual, 0)) / kept.length : null;
  return { mape: mape((s) => s.forecast), naiveMape: mape((s) => s.naive), hours: kept.length, days };
}
