import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, addYears, differenceInCalendarDays, startOfDay, startOfMonth, startOfWeek, startOfYear } from "date-fns";
import { startOfCalendarDay } from "./time-zone";

export type RangePreset = "day" | "week" | "month" | "year" | "custom";
export type DateRange = { from: Date; to: Date };

/*
 * The energy screens' periods, in the site's time zone (energy.timezone), whatever the browser's:
 * calendar arithmetic through TZDate, so a day across a clock change is 23 or 25 hours long.
 */

const STEP = { day: addDays, week: addWeeks, month: addMonths, year: addYears } as const;
const START = {
  day: (d: TZDate) => startOfDay(d),
  week: (d: TZDate) => startOfWeek(d, { weekStartsOn: 1 }),
  month: (d: TZDate) => startOfMonth(d),
  year: (d: TZDate) => startOfYear(d),
} as const;

const plain = (d: Date) => new Date(d.getTime());

/** The calendar period of `preset` holding `anchor` (weeks start on Monday). */
export function presetRange(preset: Exclude<RangePreset, "custom">, anchor: Date, timeZone: string): DateRange {
  const from = START[preset](new TZDate(anchor.getTime(), timeZone));
  return { from: plain(from), to: plain(STEP[preset](from, 1)) };
}

/** Where a period switch lands: today when the shown period holds it (Year → Month is this month), else the period's start. */
export function anchorOf(range: DateRange, now: Date): Date {
  return range.from <= now && now < range.to ? now : range.from;
}

/** The period after `range` (a preset's next calendar period, or as many days after a custom range). */
export function nextRange(preset: RangePreset, range: DateRange, timeZone: string): DateRange {
  if (preset !== "custom") return presetRange(preset, range.to, timeZone);
  const days = dayCount(range, timeZone);
  return { from: range.to, to: plain(addDays(new TZDate(range.to.getTime(), timeZone), days)) };
}

/** The period before `range`, the same way. */
export function previousRange(preset: RangePreset, range: DateRange, timeZone: string): DateRange {
  if (preset !== "custom") return presetRange(preset, new Date(range.from.getTime() - 1), timeZone);
  const days = dayCount(range, timeZone);
  return { from: plain(addDays(new TZDate(range.from.getTime(), timeZone), -days)), to: range.from };
}

/**
 * What to set a period against: the previous one, cut to as much of it as has elapsed of the
 * current one when that is still running (Monday to Wednesday against Monday to Wednesday).
 */
export function comparableRange(preset: RangePreset, range: DateRange, timeZone: string, now: Date): DateRange {
  const previous = previousRange(preset, range, timeZone);
  if (!(range.from <= now && now < range.to)) return previous;
  const elapsed = now.getTime() - range.from.getTime();
  return { from: previous.from, to: new Date(Math.min(previous.to.getTime(), previous.from.getTime() + elapsed)) };
}

/** The last `days` days, today included. */
export function lastDays(days: number, now: Date, timeZone: string): DateRange {
  const tomorrow = addDays(startOfDay(new TZDate(now.getTime(), timeZone)), 1);
  return { from: plain(addDays(tomorrow, -days)), to: plain(tomorrow) };
}

/** Calendar days `first` to `last` (YYYY-MM-DD, both included), or null when they make no range. */
export function daysRange(first: string, last: string, timeZone: string): DateRange | null {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(first) || !day.test(last) || last < first) return null;
  return { from: startOfCalendarDay(first, timeZone), to: plain(addDays(new TZDate(startOfCalendarDay(last, timeZone).getTime(), timeZone), 1)) };
}

function dayCount(range: DateRange, timeZone: string): number {
  return differenceInCalendarDays(new TZDate(range.to.getTime(), timeZone), new TZDate(range.from.getTime(), timeZone));
}
