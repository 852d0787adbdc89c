import { Prisma } from "../generated/prisma/client";
import type { Db } from "../platform/db/client";
import type { EnergyRange } from "./analysis";

export type HistoryResolution = "MINUTE" | "HOUR" | "DAY";

/** Ranges up to this long are drawn from raw readings (with phases), longer ones from the roll-ups. */
export const RAW_RANGE_MS = 36 * 3_600_000;
/** Hourly roll-ups up to this range, daily beyond. */
const HOURLY_RANGE_MS = 93 * 86_400_000;

export function historyResolution(range: { from: Date; to: Date }): HistoryResolution {
  const span = range.to.getTime() - range.from.getTime();
  return span <= RAW_RANGE_MS ? "MINUTE" : span <= HOURLY_RANGE_MS ? "HOUR" : "DAY";
}

const meterFilter = (meterId: string | undefined) => (meterId ? Prisma.sql`AND "meterId" = ${meterId}` : Prisma.empty);

type Row = { t: Date; powerW: number | null; minW: number | null; maxW: number | null; importKwh: number | null } & Partial<
  Record<(typeof phaseColumns)[number], number | null>
>;
const phaseColumns = ["powerL1W", "powerL2W", "powerL3W", "voltageL1V", "voltageL2V", "voltageL3V", "currentL1A", "currentL2A", "currentL3A"] as const;

/** netPowerW (reading.ts) in SQL, same rule: null when the meter sent neither direction. */
const net = Prisma.sql`CASE WHEN "powerImportW" IS NULL AND "powerExportW" IS NULL THEN NULL ELSE coalesce("powerImportW", 0) - coalesce("powerExportW", 0) END`;

/**
 * Raw readings in buckets of one or two minutes (at most ~1,100 points): each meter's mean, then
 * summed over meters for power and current, averaged for voltage.
 */
function rawBuckets(db: Db, range: EnergyRange) {
  const seconds = range.to.getTime() - range.from.getTime() <= 26 * 3_600_000 ? 60 : 120;
  return db.$queryRaw<Row[]>`
    SELECT m."t", sum(m."powerW")::float8 AS "powerW", sum(m."minW")::float8 AS "minW", sum(m."maxW")::float8 AS "maxW", NULL::float8 AS "importKwh",
      sum(m."powerL1W")::float8 AS "powerL1W", sum(m."powerL2W")::float8 AS "powerL2W", sum(m."powerL3W")::float8 AS "powerL3W",
      avg(m."voltageL1V")::float8 AS "voltageL1V", avg(m."voltageL2V")::float8 AS "voltageL2V", avg(m."voltageL3V")::float8 AS "voltageL3V",
      sum(m."currentL1A")::float8 AS "currentL1A", sum(m."currentL2A")::float8 AS "currentL2A", sum(m."currentL3A")::float8 AS "currentL3A"
    FROM (
      SELECT date_bin(make_interval(secs => ${seconds}), "at", timestamptz '2000-01-01') AS "t", "meterId",
        avg(${net}) AS "powerW", min(${net}) AS "minW", max(${net}) AS "maxW",
        avg("powerL1W") AS "powerL1W", avg("powerL2W") AS "powerL2W", avg("powerL3W") AS "powerL3W",
        avg("voltageL1V") AS "voltageL1V", avg("voltageL2V") AS "voltageL2V", avg("voltageL3V") AS "voltageL3V",
        avg("currentL1A") AS "currentL1A", avg("currentL2A") AS "currentL2A", avg("currentL3A") AS "currentL3A"
      FROM "Reading" WHERE "at" >= ${range.from} AND "at" < ${range.to} ${meterFilter(range.meterId)}
      GROUP BY 1, 2
    ) m GROUP BY 1 ORDER BY 1`;
}

function rollupBuckets(db: Db, range: EnergyRange, period: "HOUR" | "DAY") {
  return db.$queryRaw<Row[]>`
    SELECT "bucket" AS "t", sum("powerSumW" / nullif("powerSamples", 0))::float8 AS "powerW", sum("powerMinW")::float8 AS "minW", sum("powerMaxW")::float8 AS "maxW",
      sum("importKwh")::float8 AS "importKwh"
    FROM "ReadingRollup"
    WHERE "period" = ${period}::"RollupPeriod" AND "bucket" >= ${range.from} AND "bucket" < ${range.to} ${meterFilter(range.meterId)}
    GROUP BY 1 ORDER BY 1`;
}

/**
 * Energy of the range, in total and per tariff register: from the hourly roll-ups, or the daily ones
 * for ranges drawn by day (whole local days, and a year is 365 rows rather than 8,760).
 */
async function energyTotals(db: Db, range: EnergyRange, period: "HOUR" | "DAY") {
  const where = Prisma.sql`"period" = ${period}::"RollupPeriod" AND "bucket" >= ${range.from} AND "bucket" < ${range.to} ${meterFilter(range.meterId)}`;
  const [[totals], registers] = await Promise.all([
    db.$queryRaw<{ importKwh: number | null; exportKwh: number | null }[]>`
      SELECT sum("importKwh")::float8 AS "importKwh", sum("exportKwh")::float8 AS "exportKwh" FROM "ReadingRollup" WHERE ${where}`,
    db.$queryRaw<{ code: string; kwh: number }[]>`
      SELECT r.key AS "code", sum(r.value::float8)::float8 AS "kwh" FROM "ReadingRollup", jsonb_each_text("registers") r WHERE ${where} GROUP BY 1 ORDER BY 1`,
  ]);
  return { importKwh: totals?.importKwh ?? 0, exportKwh: totals?.exportKwh ?? 0, registers: Object.fromEntries(registers.map((r) => [r.code, r.kwh])) };
}

const column = (rows: Row[], name: keyof Row) => rows.map((r) => (r[name] as number | null | undefined) ?? null);

/**
 * The history of a range as columns ready for a time-series chart (times in Unix seconds): net
 * power (mean, min, max per bucket), energy per bucket from the roll-ups, and per-phase power,
 * voltage and current when drawn from raw readings.
 */
export async function energyHistory(db: Db, range: EnergyRange) {
  const resolution = historyResolution(range);
  const [rows, totals] = await Promise.all([
    resolution === "MINUTE" ? rawBuckets(db, range) : rollupBuckets(db, range, resolution),
    energyTotals(db, range, resolution === "DAY" ? "DAY" : "HOUR"),
  ]);
  return {
    resolution,
    t: rows.map((r) => r.t.getTime() / 1000),
    powerW: column(rows, "powerW"),
    minW: column(rows, "minW"),
    maxW: column(rows, "maxW"),
    importKwh: column(rows, "importKwh"),
    phases:
      resolution === "MINUTE"
        ? (Object.fromEntries(phaseColumns.map((c) => [c, column(rows, c)])) as Record<(typeof phaseColumns)[number], (number | null)[]>)
        : null,
    totals,
  };
}
