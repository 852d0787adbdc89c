import { z } from "zod";
import type { Db } from "../platform/db/client";
import type { Thresholds } from "./anomalies";
import { thresholdSettings } from "./settings";

const entries = Object.entries(thresholdSettings) as [keyof Thresholds, (typeof thresholdSettings)[keyof Thresholds]][];
const overridesSchema = z.record(z.string(), z.number().finite());

/** The thresholds of the settings (one query), with a meter's own overrides on top. */
export async function loadThresholds(db: Db, meterOverrides: unknown = {}): Promise<Thresholds> {
  const rows = await db.setting.findMany({ where: { key: { in: entries.map(([, d]) => d.key) } }, select: { key: true, value: true } });
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const overrides = overridesSchema.safeParse(meterOverrides);
  const result = {} as Thresholds;
  for (const [name, def] of entries) {
    const own = overrides.success ? (overrides.data[name] ?? overrides.data[def.key]) : undefined;
    const parsed = def.schema.safeParse(own ?? stored.get(def.key));
    result[name] = parsed.success ? (parsed.data as number) : (def.defaultValue as number);
  }
  return result;
}
