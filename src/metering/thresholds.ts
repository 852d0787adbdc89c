import { z } from "zod";
import type { Db } from "../platform/db/client";
import type { Thresholds } from "./anomalies";
import { thresholdSettings } from "./settings";

export type ThresholdName = keyof Thresholds;
export const thresholdNames = Object.keys(thresholdSettings) as ThresholdName[];
const overridesSchema = z.record(z.string(), z.unknown());

/** A meter's own thresholds (by name, or by setting key as older rows hold them), each kept only when its setting's rules accept it. */
export function thresholdOverrides(stored: unknown): Partial<Thresholds> {
  const parsed = overridesSchema.safeParse(stored);
  if (!parsed.success) return {};
  const own: Partial<Thresholds> = {};
  for (const name of thresholdNames) {
    const def = thresholdSettings[name];
    const value = def.schema.safeParse(parsed.data[name] ?? parsed.data[def.key]);
    if (value.success && value.data !== undefined) own[name] = value.data as number;
  }
  return own;
}

/** The thresholds of the settings (one query), with a meter's own overrides on top. */
export async function loadThresholds(db: Db, meterOverrides: unknown = {}): Promise<Thresholds> {
  const rows = await db.setting.findMany({
    where: { key: { in: thresholdNames.map((name) => thresholdSettings[name].key) } },
    select: { key: true, value: true },
  });
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const own = thresholdOverrides(meterOverrides);
  const result = {} as Thresholds;
  for (const name of thresholdNames) {
    const def = thresholdSettings[name];
    const parsed = def.schema.safeParse(stored.get(def.key));
    result[name] = own[name] ?? (parsed.success ? (parsed.data as number) : (def.defaultValue as number));
  }
  return result;
}
