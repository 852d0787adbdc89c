import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import type { SettingType } from "../../generated/prisma/enums";

export type SettingValue<T extends SettingType> = T extends "STRING" ? string : T extends "INT" | "FLOAT" ? number : T extends "BOOL" ? boolean : unknown;

export type SettingDefinition<T extends SettingType = SettingType> = {
  key: string;
  type: T;
  category: string;
  description: string;
  defaultValue: SettingValue<T>;
  /** Validates a new value: the type's own rule, narrowed by the definition (range, format). */
  schema: z.ZodType<SettingValue<T>>;
  /** Runs in the transaction that stores a new value, for settings that must take effect at once. */
  afterChange?: (tx: Prisma.TransactionClient, value: SettingValue<T>) => Promise<void>;
};

const baseSchemas = {
  STRING: z.string().max(10_000),
  INT: z.number().int().safe(),
  FLOAT: z.number().finite(),
  BOOL: z.boolean(),
  JSON: z.json(),
} satisfies Record<SettingType, z.ZodType>;

/**
 * Declares a setting. Domains declare theirs next to the code that reads them and list them in
 * src/composition/settings-catalog.ts; a setting has no row until it is first changed (its
 * default is read until then).
 */
export function defineSetting<T extends SettingType>(def: {
  key: string;
  type: T;
  category: string;
  description: string;
  defaultValue: SettingValue<T>;
  min?: number;
  max?: number;
  refine?: (schema: z.ZodType<SettingValue<T>>) => z.ZodType<SettingValue<T>>;
  afterChange?: (tx: Prisma.TransactionClient, value: SettingValue<T>) => Promise<void>;
}): SettingDefinition<T> {
  let schema = baseSchemas[def.type] as unknown as z.ZodType<SettingValue<T>>;
  if (def.min !== undefined) schema = (schema as unknown as z.ZodNumber).min(def.min) as never;
  if (def.max !== undefined) schema = (schema as unknown as z.ZodNumber).max(def.max) as never;
  if (def.refine) schema = def.refine(schema);
  schema.parse(def.defaultValue);
  const { key, type, category, description, defaultValue, afterChange } = def;
  return { key, type, category, description, defaultValue, schema, afterChange };
}
