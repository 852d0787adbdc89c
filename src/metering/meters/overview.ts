import { z } from "zod";
import type { Db } from "../../platform/db/client";
import { DomainError, notFoundError } from "../../platform/errors";
import { thresholdSettings } from "../settings";
import { loadThresholds, type ThresholdName, thresholdNames, thresholdOverrides } from "../thresholds";
import { resyncLinks } from "./meters";
import { getMeter } from "./queries";

const RECENT_READINGS = 10;

/** The headline values of a reading, as the meter page lists them. */
const readingColumns = {
  at: true,
  source: true,
  energyImportKwh: true,
  energyExportKwh: true,
  powerImportW: true,
  powerExportW: true,
  voltageL1V: true,
  currentL1A: true,
  frequencyHz: true,
  powerFactor: true,
} as const;

/** One meter as its page shows it: its link's state, its last error, its latest readings and the thresholds it is held to. */
export async function meterOverview(db: Db, id: string) {
  const meter = await getMeter(db, id);
  const [readings, site] = await Promise.all([
    db.reading.findMany({ where: { meterId: id }, orderBy: { at: "desc" }, take: RECENT_READINGS, select: readingColumns }),
    loadThresholds(db),
  ]);
  const own = thresholdOverrides(meter.thresholds);
  return {
    meter,
    readings,
    thresholds: thresholdNames.map((name) => ({
      name,
      key: thresholdSettings[name].key,
      site: site[name],
      effective: own[name] ?? site[name],
      own: own[name] ?? null,
    })),
  };
}

export const meterThresholdsInput = z.partialRecord(z.enum(thresholdNames as [ThresholdName, ...ThresholdName[]]), z.number().finite().nullable());

/**
 * Sets a meter's own thresholds: a number overrides the site's setting for this meter, null goes
 * back to the site's. Each value is held to the same rules as the setting it overrides.
 */
export async function setMeterThresholds(db: Db, id: string, changes: z.infer<typeof meterThresholdsInput>) {
  const meter = await db.meter.findUnique({ where: { id }, select: { thresholds: true } });
  if (!meter) throw notFoundError("meter", "No such meter.");
  const own = thresholdOverrides(meter.thresholds);
  for (const [name, value] of Object.entries(changes) as [ThresholdName, number | null][]) {
    if (value === null) {
      delete own[name];
      continue;
    }
    const checked = thresholdSettings[name].schema.safeParse(value);
    if (!checked.success) {
      throw new DomainError("BAD_REQUEST", "invalid_threshold", `Invalid ${name}: ${checked.error.issues.map((i) => i.message).join("; ")}`, {
        params: { key: thresholdSettings[name].key },
        issues: checked.error.issues.map((i) => ({ ...i, path: [name] })),
      });
    }
    own[name] = checked.data as number;
  }
  await db.meter.update({ where: { id }, data: { thresholds: own } });
  // The worker's links hold the meter as they opened it: they reopen with its new thresholds.
  await resyncLinks(db);
  return meterOverview(db, id);
}
