import type { Db } from "../../platform/db/client";
import { storableJson } from "../../lib/unsafe-text";
import { withSqlTransaction } from "../../platform/db/sql-transaction";
import { readingFields, type ReadingFields } from "../obis";
import { netPowerW, type MbusChannelValue } from "../reading";
import { aggregateRollups, type RollupContribution } from "./rollups";

export type ReadingInput = { at: Date; fields: ReadingFields; registers?: Record<string, number>; mbus?: MbusChannelValue[] };

export type StoreOptions = {
  source: "push" | "poll" | "ingest" | "simulator";
  timezone: string;
  /** A silence longer than three of these between two readings is recorded as a gap. */
  expectedIntervalSeconds: number;
  /** The most the meter can physically draw (W): a register rising faster is not consumption. */
  maxPowerW?: number;
};

/** 3 × 63 A × 230 V: the largest common direct-connected supply. */
export const DEFAULT_MAX_POWER_W = 43_470;
/** Registers that count whole kWh move by one at once: a step that size is never a jump. */
const REGISTER_STEP_KWH = 1;

export type RegisterJump = {
  at: Date;
  field: "energyImportKwh" | "energyExportKwh" | "reactiveImportKvarh" | "reactiveExportKvarh";
  from: number;
  to: number;
  impliedW: number;
};

export type StoreOutcome = {
  stored: number;
  duplicates: number;
  /** A cumulative register went down: the meter was replaced or reset. */
  registerWentBack: { at: Date; from: number; to: number } | null;
  /** Rises no meter can make (a misread scaler, a swapped meter): kept out of the roll-ups. */
  registerJumps: RegisterJump[];
  gaps: { fromAt: Date; toAt: Date }[];
  latest: (ReadingInput & { at: Date }) | null;
};

type Cumulative = {
  at: Date;
  energyImportKwh: number | null;
  energyExportKwh: number | null;
  reactiveImportKvarh: number | null;
  reactiveExportKvarh: number | null;
  registers: Record<string, number> | null;
};

const q = (name: string) => `"${name}"`;
const INSERT_SQL = `
  INSERT INTO "Reading" ("meterId", "at", ${readingFields.map(q).join(", ")}, "registers", "mbus", "source", "segment")
  SELECT $1, u.at, ${readingFields.map((f) => `u.${f}`).join(", ")}, u.registers, u.mbus, $2, $3
  FROM unnest($4::timestamptz[], ${readingFields.map((_, i) => `$${i + 5}::float8[]`).join(", ")}, $${readingFields.length + 5}::text[]::jsonb[], $${readingFields.length + 6}::text[]::jsonb[])
    AS u(at, ${readingFields.join(", ")}, registers, mbus)
  ON CONFLICT ("meterId", "at") DO NOTHING
  RETURNING "at"`;

const ROLLUP_SQL = `
  INSERT INTO "ReadingRollup" ("meterId", "period", "bucket", "importKwh", "exportKwh", "reactiveImportKvarh", "reactiveExportKvarh", "registers", "powerMinW", "powerMaxW", "powerSumW", "powerSamples", "samples")
  SELECT $1, u.p::"RollupPeriod", u.b, u.i, u.e, u.ri, u.re, u.r, u.mn, u.mx, u.s, u.ps, u.n
  FROM unnest($2::text[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::text[]::jsonb[], $9::float8[], $10::float8[], $11::float8[], $12::int[], $13::int[])
    AS u(p, b, i, e, ri, re, r, mn, mx, s, ps, n)
  ON CONFLICT ("meterId", "period", "bucket") DO UPDATE SET
    "importKwh" = "ReadingRollup"."importKwh" + EXCLUDED."importKwh",
    "exportKwh" = "ReadingRollup"."exportKwh" + EXCLUDED."exportKwh",
    "reactiveImportKvarh" = "ReadingRollup"."reactiveImportKvarh" + EXCLUDED."reactiveImportKvarh",
    "reactiveExportKvarh" = "ReadingRollup"."reactiveExportKvarh" + EXCLUDED."reactiveExportKvarh",
    "registers" = (SELECT coalesce(jsonb_object_agg(k, coalesce(("ReadingRollup"."registers"->>k)::float8, 0) + coalesce((EXCLUDED."registers"->>k)::float8, 0)), '{}')
                   FROM jsonb_object_keys("ReadingRollup"."registers" || EXCLUDED."registers") AS k),
    "powerMinW" = LEAST("ReadingRollup"."powerMinW", EXCLUDED."powerMinW"),
    "powerMaxW" = GREATEST("ReadingRollup"."powerMaxW", EXCLUDED."powerMaxW"),
    "powerSumW" = "ReadingRollup"."powerSumW" + EXCLUDED."powerSumW",
    "powerSamples" = "ReadingRollup"."powerSamples" + EXCLUDED."powerSamples",
    "samples" = "ReadingRollup"."samples" + EXCLUDED."samples"`;

const delta = (to: number | null | undefined, from: number | null | undefined) => (to != null && from != null && to >= from ? to - from : 0);

/**
 * Stores a batch of one meter's readings and keeps its roll-ups current, in one transaction.
 * Readings already stored are skipped (unique on meter and time), so re-ingesting is harmless.
 * Energy is the difference between consecutive readings of a cumulative register; a register that
 * goes down starts a new segment (the meter was replaced or reset) and counts nothing, never a
 * negative consumption. Readings older than the latest stored are kept but add no energy.
 */
export async function storeReadings(db: Db, meter: { id: string; segment: number }, input: ReadingInput[], options: StoreOptions): Promise<StoreOutcome> {
  const byTime = new Map(input.map((r) => [r.at.getTime(), r]));
  const readings = [...byTime.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (!readings.length) return { stored: 0, duplicates: 0, registerWentBack: null, registerJumps: [], gaps: [], latest: null };
  const maxKw = (options.maxPowerW ?? DEFAULT_MAX_POWER_W) / 1000;

  return withSqlTransaction(db, async (tx) => {
    const [previous] = await tx.$queryRaw<Cumulative[]>`
      SELECT "at", "energyImportKwh", "energyExportKwh", "reactiveImportKvarh", "reactiveExportKvarh", "registers"
      FROM "Reading" WHERE "meterId" = ${meter.id} ORDER BY "at" DESC LIMIT 1`;
    let segment = meter.segment;
    const params: unknown[] = [meter.id, "", segment, readings.map((r) => r.at.toISOString())];
    for (const field of readingFields) params.push(readings.map((r) => r.fields[field] ?? null));
    params.push(readings.map((r) => (r.registers && Object.keys(r.registers).length ? JSON.stringify(r.registers) : null)));
    params.push(readings.map((r) => (r.mbus?.length ? storableJson(r.mbus) : null)));
    params[1] = options.source;
    const inserted = await tx.$queryRawUnsafe<{ at: Date }[]>(INSERT_SQL, ...params);
    const isNew = new Set(inserted.map((r) => r.at.getTime()));

    let last: Cumulative | null = previous ?? null;
    let registerWentBack: StoreOutcome["registerWentBack"] = null;
    const registerJumps: RegisterJump[] = [];
    const gaps: StoreOutcome["gaps"] = [];
    const contributions: RollupContribution[] = [];
    for (const r of readings) {
      if (!isNew.has(r.at.getTime())) continue;
      const appended = !last || r.at > last.at;
      const f = r.fields;
      const contribution: RollupContribution = {
        at: r.at,
        importKwh: 0,
        exportKwh: 0,
        reactiveImportKvarh: 0,
        reactiveExportKvarh: 0,
        registers: {},
        powerW: netPowerW(f),
      };
      if (appended && last) {
        if (r.at.getTime() - last.at.getTime() > 3 * options.expectedIntervalSeconds * 1000) gaps.push({ fromAt: last.at, toAt: r.at });
        const wentBack = f.energyImportKwh != null && last.energyImportKwh != null && f.energyImportKwh < last.energyImportKwh - 1e-6;
        if (wentBack) {
          registerWentBack = { at: r.at, from: last.energyImportKwh!, to: f.energyImportKwh! };
          segment++;
        } else {
          const hours = (r.at.getTime() - last.at.getTime()) / 3_600_000;
          const possible = maxKw * hours + REGISTER_STEP_KWH;
          const rise = (field: RegisterJump["field"]) => {
            const d = delta(f[field], last![field]);
            if (d <= possible) return d;
            registerJumps.push({ at: r.at, field, from: last![field]!, to: f[field]!, impliedW: Math.round((d / hours) * 1000) });
            return 0;
          };
          contribution.importKwh = rise("energyImportKwh");
          contribution.exportKwh = rise("energyExportKwh");
          contribution.reactiveImportKvarh = rise("reactiveImportKvarh");
          contribution.reactiveExportKvarh = rise("reactiveExportKvarh");
          for (const [code, value] of Object.entries(r.registers ?? {})) {
            const d = delta(value, last.registers?.[code]);
            if (code.startsWith("1.8.")) contribution.registers[code] = d <= possible ? d : 0;
          }
        }
      }
      contributions.push(contribution);
      if (appended) {
        last = {
          at: r.at,
          energyImportKwh: f.energyImportKwh ?? last?.energyImportKwh ?? null,
          energyExportKwh: f.energyExportKwh ?? last?.energyExportKwh ?? null,
          reactiveImportKvarh: f.reactiveImportKvarh ?? last?.reactiveImportKvarh ?? null,
          reactiveExportKvarh: f.reactiveExportKvarh ?? last?.reactiveExportKvarh ?? null,
          registers: r.registers ?? last?.registers ?? null,
        };
      }
    }

    const rows = aggregateRollups(contributions, options.timezone);
    if (rows.length) {
      await tx.$queryRawUnsafe(
        ROLLUP_SQL,
        meter.id,
        rows.map((r) => r.period),
        rows.map((r) => r.bucket.toISOString()),
        rows.map((r) => r.importKwh),
        rows.map((r) => r.exportKwh),
        rows.map((r) => r.reactiveImportKvarh),
        rows.map((r) => r.reactiveExportKvarh),
        rows.map((r) => JSON.stringify(r.registers)),
        rows.map((r) => r.powerMinW),
        rows.map((r) => r.powerMaxW),
        rows.map((r) => r.powerSumW),
        rows.map((r) => r.powerSamples),
        rows.map((r) => r.samples),
      );
    }
    // Readings from the reset on belong to the new segment.
    if (registerWentBack) await tx.$executeRaw`UPDATE "Reading" SET "segment" = ${segment} WHERE "meterId" = ${meter.id} AND "at" >= ${registerWentBack.at}`;
    if (gaps.length) {
      await tx.$executeRaw`INSERT INTO "ReadingGap" ("meterId", "fromAt", "toAt")
        SELECT ${meter.id}, f, t FROM unnest(${gaps.map((g) => g.fromAt.toISOString())}::timestamptz[], ${gaps.map((g) => g.toAt.toISOString())}::timestamptz[]) AS u(f, t)`;
    }
    const newest = readings.filter((r) => isNew.has(r.at.getTime())).at(-1) ?? null;
    if (newest && (!previous || newest.at > previous.at)) {
      await tx.$executeRaw`UPDATE "Meter" SET "segment" = ${segment}, "lastReadingAt" = ${newest.at}, "status" = 'ONLINE', "lastError" = NULL, "updatedAt" = now() WHERE "id" = ${meter.id}`;
    } else await tx.$executeRaw`UPDATE "Meter" SET "segment" = ${segment}, "updatedAt" = now() WHERE "id" = ${meter.id}`;
    return { stored: inserted.length, duplicates: readings.length - inserted.length, registerWentBack, registerJumps, gaps, latest: newest };
  });
}
