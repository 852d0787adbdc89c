import { startOfUtcHour, startOfZonedDay } from "../../lib/time-zone";

/** What one reading adds to the hour and the day it falls in. */
export type RollupContribution = {
  at: Date;
  importKwh: number;
  exportKwh: number;
  reactiveImportKvarh: number;
  reactiveExportKvarh: number;
  registers: Record<string, number>;
  /** Net active power (import − export), when the reading has it. */
  powerW: number | null;
};

export type RollupRow = {
  period: "HOUR" | "DAY";
  bucket: Date;
  importKwh: number;
  exportKwh: number;
  reactiveImportKvarh: number;
  reactiveExportKvarh: number;
  registers: Record<string, number>;
  powerMinW: number | null;
  powerMaxW: number | null;
  powerSumW: number;
  powerSamples: number;
  samples: number;
};

/** Folds contributions into hour buckets (UTC) and day buckets (the site's local midnight). */
export function aggregateRollups(contributions: RollupContribution[], timezone: string): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  const add = (period: RollupRow["period"], bucket: Date, c: RollupContribution) => {
    const key = `${period}${bucket.getTime()}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        period,
        bucket,
        importKwh: 0,
        exportKwh: 0,
        reactiveImportKvarh: 0,
        reactiveExportKvarh: 0,
        registers: {},
        powerMinW: null,
        powerMaxW: null,
        powerSumW: 0,
        powerSamples: 0,
        samples: 0,
      };
      rows.set(key, row);
    }
    row.importKwh += c.importKwh;
    row.exportKwh += c.exportKwh;
    row.reactiveImportKvarh += c.reactiveImportKvarh;
    row.reactiveExportKvarh += c.reactiveExportKvarh;
    for (const [code, kwh] of Object.entries(c.registers)) row.registers[code] = (row.registers[code] ?? 0) + kwh;
    if (c.powerW !== null) {
      row.powerMinW = row.powerMinW === null ? c.powerW : Math.min(row.powerMinW, c.powerW);
      row.powerMaxW = row.powerMaxW === null ? c.powerW : Math.max(row.powerMaxW, c.powerW);
      row.powerSumW += c.powerW;
      row.powerSamples++;
    }
    row.samples++;
  };
  let day: { from: number; to: number; bucket: Date } | null = null;
  for (const c of contributions) {
    add("HOUR", startOfUtcHour(c.at), c);
    // Day boundaries are looked up once per day, not per reading.
    if (!day || c.at.getTime() < day.from || c.at.getTime() >= day.to) {
      const bucket = startOfZonedDay(c.at, timezone);
      const next = startOfZonedDay(new Date(bucket.getTime() + 30 * 3_600_000), timezone);
      day = { from: bucket.getTime(), to: next.getTime(), bucket };
    }
    add("DAY", day.bucket, c);
  }
  return [...rows.values()];
}
