import type { Db } from "../platform/db/client";
import { Prisma, type ReadingRollup } from "../generated/prisma/client";
import { startOfZonedDay } from "../lib/time-zone";
import { csvRow } from "../lib/csv";
import { readingFields } from "./obis";

const columns = ["meterId", "at", ...readingFields] as const;

/** Readings of the last `hours`, newest first, at most `limit` (all meters, or one). */
export function recentReadings(db: Db, options: { hours: number; limit: number; meterId?: string; now?: Date }) {
  const since = new Date((options.now ?? new Date()).getTime() - options.hours * 3_600_000);
  return db.reading.findMany({
    where: { at: { gte: since }, meterId: options.meterId },
    orderBy: { at: "desc" },
    take: options.limit,
    select: Object.fromEntries(columns.map((c) => [c, true])) as Record<(typeof columns)[number], true>,
  });
}

/** The latest reading of every meter. */
export async function currentReadings(db: Db) {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`
    SELECT m."id" AS "meterId", m."name", m."status", r.*
    FROM "Meter" m JOIN LATERAL (SELECT ${columns
      .filter((c) => c !== "meterId")
      .map((c) => `"${c}"`)
      .join(", ")} FROM "Reading" WHERE "meterId" = m."id" ORDER BY "at" DESC LIMIT 1) r ON true
    ORDER BY m."name"`);
  return rows;
}

/** Last-24-hour power (average, minimum, maximum, samples) and today's energy, from the roll-ups. */
export async function energyStats(db: Db, options: { timezone: string; meterId?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const [hours, today] = await Promise.all([
    db.readingRollup.aggregate({
      where: { period: "HOUR", bucket: { gte: since }, meterId: options.meterId },
      _sum: { powerSumW: true, powerSamples: true, samples: true, importKwh: true },
      _min: { powerMinW: true },
      _max: { powerMaxW: true },
    }),
    db.readingRollup.aggregate({
      where: { period: "DAY", bucket: startOfZonedDay(now, options.timezone), meterId: options.meterId },
      _sum: { importKwh: true, exportKwh: true },
    }),
  ]);
  const samples = hours._sum.powerSamples ?? 0;
  return {
    last24h: {
      averagePowerW: samples ? (hours._sum.powerSumW ?? 0) / samples : null,
      minPowerW: hours._min.powerMinW,
      maxPowerW: hours._max.powerMaxW,
      samples: hours._sum.samples ?? 0,
      importKwh: hours._sum.importKwh ?? 0,
    },
    today: { importKwh: today._sum.importKwh ?? 0, exportKwh: today._sum.exportKwh ?? 0 },
  };
}

const BATCH = 5_000;

type CsvPage = { text: string | null; n: number; lastAt: Date | null; lastMeterId: string | null };

/**
 * One CSV line per reading, written by PostgreSQL (float8 prints the shortest exact form, as
 * JavaScript does). Nothing here needs quoting: generated ids, timestamps and numbers only.
 */
const csvLine = Prisma.raw(
  `concat_ws(',', "meterId", to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ${readingFields.map((f) => `coalesce("${f}"::text, '')`).join(", ")})`,
);

/**
 * Readings as CSV, streamed in pages of 5,000 by (time, meter): a year of 10-second readings goes
 * out without ever being held in memory. Each page resumes from the last one's key with a condition
 * the primary key or the time index can seek to, so a page costs the same at the end of a year as
 * at its start; PostgreSQL joins a page's lines into one string.
 */
export async function* readingsCsv(db: Db, options: { from: Date; to: Date; meterId?: string; pageSize?: number }): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? BATCH;
  yield `${csvRow(columns)}\n`;
  let after: { at: Date; meterId: string } | null = null;
  for (;;) {
    const resume: Prisma.Sql = !after
      ? Prisma.sql`"at" >= ${options.from}`
      : options.meterId
        ? Prisma.sql`"at" > ${after.at}`
        : Prisma.sql`"at" >= ${after.at} AND ("at", "meterId") > (${after.at}, ${after.meterId})`;
    const [page] = await db.$queryRaw<CsvPage[]>`
      SELECT string_agg(p."line", E'\n' ORDER BY p."at", p."meterId") AS "text", count(*)::int AS "n",
             max(p."at") AS "lastAt", (array_agg(p."meterId" ORDER BY p."at" DESC, p."meterId" DESC))[1] AS "lastMeterId"
      FROM (
        SELECT "at", "meterId", ${csvLine} AS "line" FROM "Reading"
        WHERE ${resume} AND "at" < ${options.to} ${options.meterId ? Prisma.sql`AND "meterId" = ${options.meterId}` : Prisma.empty}
        ORDER BY "at", "meterId" LIMIT ${pageSize}
      ) p`;
    if (!page?.n) return;
    yield `${page.text}\n`;
    after = { at: page.lastAt!, meterId: page.lastMeterId! };
    if (page.n < pageSize) return;
  }
}

const rollupColumns = [
  "meterId",
  "period",
  "bucket",
  "importKwh",
  "exportKwh",
  "reactiveImportKvarh",
  "reactiveExportKvarh",
  "powerMinW",
  "powerAvgW",
  "powerMaxW",
  "samples",
] as const;

/** Hourly or daily roll-ups as CSV, streamed the same way. */
export async function* rollupsCsv(db: Db, options: { period: "HOUR" | "DAY"; from: Date; to: Date; meterId?: string }): AsyncGenerator<string> {
  yield `${csvRow(rollupColumns)}\n`;
  let after: { bucket: Date; meterId: string } | null = null;
  for (;;) {
    const page: ReadingRollup[] = await db.readingRollup.findMany({
      where: {
        period: options.period,
        meterId: options.meterId,
        bucket: { gte: options.from, lt: options.to },
        ...(after ? { OR: [{ bucket: { gt: after.bucket } }, { bucket: after.bucket, meterId: { gt: after.meterId } }] } : {}),
      },
      orderBy: [{ bucket: "asc" }, { meterId: "asc" }],
      take: BATCH,
    });
    if (!page.length) return;
    yield `${page
      .map((r) =>
        csvRow([
          r.meterId,
          r.period,
          r.bucket,
          r.importKwh,
          r.exportKwh,
          r.reactiveImportKvarh,
          r.reactiveExportKvarh,
          r.powerMinW,
          r.powerSamples ? r.powerSumW / r.powerSamples : null,
          r.powerMaxW,
          r.samples,
        ]),
      )
      .join("\n")}\n`;
    const last: ReadingRollup = page.at(-1)!;
    after = { bucket: last.bucket, meterId: last.meterId };
    if (page.length < BATCH) return;
  }
}
