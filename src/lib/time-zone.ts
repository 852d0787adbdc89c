export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/** The wall-clock fields of `date` in `timeZone` (parsed from `format`, three times faster than `formatToParts`). */
export function zonedParts(date: Date, timeZone: string) {
  const m = WALL_CLOCK.exec(formatter(timeZone).format(date));
  if (!m) throw new Error(`unexpected date format for ${timeZone}`);
  return { year: +m[3]!, month: +m[1]!, day: +m[2]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
}

/** Minutes `timeZone` is ahead of UTC at `date` (Paris in winter: 60). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a local wall-clock time happens in `timeZone`: the earlier one when it happens twice
 * (autumn), the shifted one when it does not happen at all (spring gap).
 */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsets = [offsetMinutes(new Date(wall - 43_200_000), timeZone), offsetMinutes(new Date(wall + 43_200_000), timeZone)];
  const valid = offsets.map((o) => wall - o * 60_000).filter((t) => offsetMinutes(new Date(t), timeZone) * 60_000 === wall - t);
  return new Date(valid.length ? Math.min(...valid) : wall - offsets[0]! * 60_000);
}

/** The calendar day ("YYYY-MM-DD") `date` falls on in `timeZone`. */
export function calendarDayOf(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The first instant of a calendar day ("YYYY-MM-DD") in `timeZone`. */
export function startOfCalendarDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return zonedTimeToUtc(year, month, date, 0, 0, timeZone);
}

/** Local midnight of the day `date` falls on, in `timeZone`. */
export function startOfZonedDay(date: Date, timeZone: string): Date {
  const p = zonedParts(date, timeZone);
  return zonedTimeToUtc(p.year, p.month, p.day, 0, 0, timeZone);
}

export function startOfUtcHour(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
}

/**
 * The stretches of [from, to) over which `timeZone` keeps one UTC offset: `until` is where each one
 * ends (the last ends at `to`). Offsets are sampled weekly and each change found by bisection (zones
 * change on a whole minute, at most a few times a year), so a year costs about eighty lookups.
 */
export function offsetSegments(from: Date, to: Date, timeZone: string): { until: Date; offsetMinutes: number }[] {
  const minute = 60_000;
  const end = to.getTime();
  const segments: { until: Date; offsetMinutes: number }[] = [];
  let start = from.getTime();
  let current = offsetMinutes(from, timeZone);
  while (start < end) {
    const probe = Math.min(start + 7 * 86_400_000, end);
    if (offsetMinutes(new Date(probe), timeZone) === current) {
      start = probe;
      continue;
    }
    let lo = start;
    let hi = probe;
    while (hi - lo > minute) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (offsetMinutes(new Date(mid), timeZone) === current) lo = mid;
      else hi = mid;
    }
    // The change is the whole minute in (lo, hi].
    const change = Math.floor(hi / minute) * minute;
    segments.push({ until: new Date(change), offsetMinutes: current });
    current = offsetMinutes(new Date(change), timeZone);
    start = change;
  }
  segments.push({ until: to, offsetMinutes: current });
  return segments;
}
