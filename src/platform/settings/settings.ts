import type { z } from "zod";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import type { SettingType } from "../../generated/prisma/enums";
import { publishWithin } from "../live/publish";
import { topics } from "../live/topics";
import type { SettingDefinition, SettingValue } from "./definition";

export class SettingValidationError extends DomainError {
  constructor(
    readonly key: string,
    issues: z.core.$ZodIssue[],
  ) {
    super("BAD_REQUEST", "invalid_setting", `Invalid value for ${key}: ${issues.map((i) => i.message).join("; ")}`, { params: { key }, issues });
  }
}

export class UnknownSettingError extends DomainError {
  constructor(readonly key: string) {
    super("NOT_FOUND", "unknown_setting", `Unknown setting ${key}`, { params: { key } });
  }
}

/** The stored value, or the default when the row is missing or no longer valid for its type. */
export async function getSetting<T extends SettingType>(db: Db, def: SettingDefinition<T>): Promise<SettingValue<T>> {
  const row = await db.setting.findUnique({ where: { key: def.key }, select: { value: true } });
  if (!row) return def.defaultValue;
  const parsed = def.schema.safeParse(row.value);
  return parsed.success ? parsed.data : def.defaultValue;
}

/** Every setting of `catalog` (the application's, assembled at its composition root) with its stored value. */
export async function listSettings(db: Db, catalog: readonly SettingDefinition[]) {
  const rows = await db.setting.findMany({ orderBy: [{ category: "asc" }, { key: "asc" }] });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return catalog.map((def) => ({
    key: def.key,
    type: def.type,
    category: def.category,
    description: def.description,
    defaultValue: def.defaultValue,
    value: byKey.get(def.key)?.value ?? def.defaultValue,
    updatedAt: byKey.get(def.key)?.updatedAt ?? null,
  }));
}

/** The setting `key` of `catalog` and `value` as its rules make it, or the error saying why not. */
function checkedSetting(catalog: readonly SettingDefinition[], key: string, value: unknown) {
  const def = catalog.find((d) => d.key === key);
  if (!def) throw new UnknownSettingError(key);
  const parsed = def.schema.safeParse(value);
  if (!parsed.success) throw new SettingValidationError(key, parsed.error.issues);
  return { def, value: parsed.data };
}

/** Validates against the setting's type and rules, stores it, and keeps who changed what. */
export async function updateSetting(db: Db, catalog: readonly SettingDefinition[], key: string, value: unknown, changedById: string | null) {
  const [saved] = await updateSettings(db, catalog, { [key]: value }, changedById);
  return saved!;
}

/**
 * Stores several values at once, all or none: each is checked before anything is written, and
 * they are written in one transaction (a form's group, a script's configuration file).
 */
export async function updateSettings(db: Db, catalog: readonly SettingDefinition[], values: Record<string, unknown>, changedById: string | null) {
  const checked = Object.entries(values).map(([key, value]) => checkedSetting(catalog, key, value));
  return db.$transaction(async (tx) => {
    const saved = [];
    for (const { def, value } of checked) {
      const newValue = value as never;
      const before = await tx.setting.findUnique({ where: { key: def.key } });
      saved.push(
        await tx.setting.upsert({
          where: { key: def.key },
          create: { key: def.key, type: def.type, category: def.category, description: def.description, value: newValue },
          update: { value: newValue },
        }),
      );
      await tx.settingChange.create({
        data: { settingKey: def.key, oldValue: (before?.value ?? def.defaultValue) as never, newValue, changedById },
      });
      await def.afterChange?.(tx, value as never);
      await publishWithin(tx, topics.system, "setting.changed", { key: def.key, value });
    }
    return saved;
  });
}

export function settingHistory(db: Db, key: string, take = 50) {
  return db.settingChange.findMany({
    where: { settingKey: key },
    orderBy: { changedAt: "desc" },
    take,
    include: { changedBy: { select: { email: true, name: true } } },
  });
}
