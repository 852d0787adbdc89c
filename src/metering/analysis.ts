import { Prisma } from "../generated/prisma/client";
import type { Db } from "../platform/db/client";
import { median } from "../lib/median";
import { offsetSegments, startOfZonedDay, zonedParts } from "../lib/time-zone";
import { addDays, backtest, forecastDay, LocalHourSeries, type HourlyEnergy } from "./forecast";

export type EnergyRange = { from: Date; to: Date; meterId?: string };

const meterFilter = (meterId: string | undefined) => (meterId ? Prisma.sql`AND "meterId" = ${meterId}` : Prisma.empty);

/** Imported energy per hour over [from, to), summed over the site's meters (or one), from the hourly roll-ups. */
export async function hourlyEnergy(db: Db, range: EnergyRange): Promise<HourlyEnergy[]> {
  return db.$queryRaw<HourlyEnergy[]>`
    SELECT "bucket", sum("importKwh")::float8 AS "kwh" FROM "ReadingRollup"
    WHERE "period" = 'HOUR' AND "bucket" >= ${range.from} AND "bucket" < ${range.to} ${meterFilter(range.meterId)}
    GROUP BY "bucket" ORDER BY "bucket"`;
}

type DailyRow = { bucket: Date; importKwh: number; exportKwh: number; samples: number };

/**
 * Days whose consumption lies far from the period's usual level for that weekday kind (working day
 * or weekend): beyond 3.5 robust standard deviations (median absolute deviation × 1.4826). Days
 * with under 90 % of the usual readings (today, a gap) are incomplete, not unusual.
 */
export function unusualDays(days: { date: string; weekday: number; importKwh: number; samples: number }[]) {
  const result: { date: string; importKwh: number; expectedKwh: number }[] = [];
  const complete = days.length ? days.filter((d) => d.samples >= 0.9 * median(days.map((x) => x.samples))) : [];
  for (const weekend of [false, true]) {
    const group = complete.filter((d) => d.weekday >= 6 === weekend);
    if (group.length < 5) continue;
    const mid = median(group.map((d) => d.importKwh));
    const spread = Math.max(median(group.map((d) => Math.abs(d.importKwh - mid))) * 1.4826, mid * 0.02);
    for (const d of group) if (Math.abs(d.importKwh - mid) > 3.5 * spread) result.push({ date: d.date, importKwh: d.importKwh, expectedKwh: mid });
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}

type SlotRow = { weekday: number; hour: number; kwh: number; hours: number };

/** The local wall-clock time of "bucket", by the zone's offset over each stretch of the range (cheaper than AT TIME ZONE per row). */
function localTimeOf(from: Date, to: Date, timezone: string) {
  const segments = offsetSegments(from, to, timezone);
  const offset = (minutes: number) => Prisma.sql`${`${minutes} minutes`}::interval`;
  const last = offset(segments.at(-1)!.offsetMinutes);
  if (segments.length === 1) return Prisma.sql`"bucket" + ${last}`;
  const cases = segments.slice(0, -1).map((seg) => Prisma.sql`WHEN "bucket" < ${seg.until} THEN ${offset(seg.offsetMinutes)}`);
  return Prisma.sql`"bucket" + CASE ${Prisma.join(cases, " ")} ELSE ${last} END`;
}

/**
 * Everything the analysis screen shows for a range, from the roll-ups only: daily energy, the average
 * load by hour of day and by weekday × hour (local time), base load (10th percentile of hourly
 * load), peak demand and its hour, and the period's anomalies (alerts and unusual days). Each figure
 * is its own small query, run side by side.
 */
export async function energyAnalysis(db: Db, range: EnergyRange & { timezone: string }) {
  const { from, to, meterId, timezone } = range;
  const where = Prisma.sql`"period" = 'HOUR' AND "bucket" >= ${from} AND "bucket" < ${to}`;
  // One meter's hours are its rows; the site's are summed over meters first.
  const hours = meterId
    ? Prisma.sql`SELECT "bucket", "importKwh" AS "kwh", "powerMaxW" AS "maxW" FROM "ReadingRollup" WHERE ${where} AND "meterId" = ${meterId}`
    : Prisma.sql`SELECT "bucket", sum("importKwh") AS "kwh", sum("powerMaxW") AS "maxW" FROM "ReadingRollup" WHERE ${where} GROUP BY "bucket"`;
  const [daily, slots, [load], [peak], alerts] = await Promise.all([
    db.$queryRaw<DailyRow[]>`
      SELECT "bucket", sum("importKwh")::float8 AS "importKwh", sum("exportKwh")::float8 AS "exportKwh", sum("samples")::int AS "samples" FROM "ReadingRollup"
      WHERE "period" = 'DAY' AND "bucket" >= ${startOfZonedDay(from, timezone)} AND "bucket" < ${to} ${meterFilter(meterId)}
      GROUP BY "bucket" ORDER BY "bucket"`,
    db.$queryRaw<SlotRow[]>`
      SELECT extract(isodow FROM h."local")::int AS "weekday", extract(hour FROM h."local")::int AS "hour", avg(h."kwh")::float8 AS "kwh", count(*)::int AS "hours"
      FROM (SELECT ${localTimeOf(from, to, timezone)} AS "local", "kwh" FROM (${hours}) x) h GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<{ baseKw: number | null; hours: number }[]>`
      SELECT percentile_cont(0.1) WITHIN GROUP (ORDER BY h."kwh")::float8 AS "baseKw", count(*)::int AS "hours" FROM (${hours}) h`,
    db.$queryRaw<{ bucket: Date; maxW: number; kwh: number }[]>`
      SELECT h."bucket", h."maxW"::float8 AS "maxW", h."kwh"::float8 AS "kwh" FROM (${hours}) h WHERE h."maxW" IS NOT NULL ORDER BY h."maxW" DESC LIMIT 1`,
    db.alert.groupBy({
      by: ["type", "severity"],
      where: { sourceKind: "METER", sourceId: meterId, occurredAt: { gte: from, lt: to } },
      _count: { _all: true },
      _max: { occurredAt: true },
    }),
  ]);

  const days = daily.map((d) => {
    // The bucket is local midnight: a few hours later is safely inside the same local day.
    const p = zonedParts(new Date(d.bucket.getTime() + 6 * 3_600_000), timezone);
    const date = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
    return {
      date,
      weekday: ((new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7) + 1,
      importKwh: d.importKwh,
      exportKwh: d.exportKwh,
      samples: d.samples,
    };
  });
  // An hour's energy in kWh is its average load in kW.
  const profile = Array.from({ length: 24 }, (_, hour) => {
    const column = slots.filter((s) => s.hour === hour);
    const hours = column.reduce((n, s) => n + s.hours, 0);
    return { hour, averageKw: hours ? column.reduce((sum, s) => sum + s.kwh * s.hours, 0) / hours : null };
  });
  return {
    days,
    profile,
    heatmap: slots.map((s) => ({ weekday: s.weekday, hour: s.hour, averageKw: s.kwh })),
    baseLoadKw: load?.baseKw ?? null,
    hours: load?.hours ?? 0,
    peak: peak ? { at: peak.bucket, powerW: peak.maxW, hourKwh: peak.kwh } : null,
    alerts: alerts.map((a) => ({ type: a.type, severity: a.severity, count: a._count._all, lastAt: a._max.occurredAt })),
    unusualDays: unusualDays(days),
  };
}

/**
 * Tomorrow's hourly forecast (local day after `now`), with the backtest of the last four complete
 * weeks against the naive "same hour last week" forecast.
 */
export async function energyForecast(db: Db, options: { timezone: string; meterId?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const p = zonedParts(now, options.timezone);
  const today = { year: p.year, month: p.month, day: p.day };
  // Four weeks scored, each looking back four weeks, plus a day of margin.
  const start = addDays(today, -57);
  const from = startOfZonedDay(new Date(Date.UTC(start.year, start.month - 1, start.day, 12)), options.timezone);
  const hours = await hourlyEnergy(db, { from, to: startOfZonedDay(now, options.timezone), meterId: options.meterId });
  const series = new LocalHourSeries(hours, options.timezone);
  return {
    timezone: options.timezone,
    day: addDays(today, 1),
    points: forecastDay(series, addDays(today, 1)),
    backtest: backtest(series, addDays(today, -1)),
  };
}
