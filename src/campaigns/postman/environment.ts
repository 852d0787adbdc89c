import { z } from "zod";

const variables = z
  .array(
    z.looseObject({
      key: z.string(),
      value: z.unknown().optional(),
      type: z.string().optional(),
      enabled: z.boolean().optional(),
      disabled: z.boolean().optional(),
    }),
  )
  .max(500);
/** A Postman environment or globals file, as Postman exports them (older globals exports: the list alone). */
export const postmanVariablesFileSchema = z.union([
  z.looseObject({ name: z.string().trim().max(100).optional(), _postman_variable_scope: z.enum(["environment", "globals"]).optional(), values: variables }),
  variables.transform((values) => ({ name: undefined, _postman_variable_scope: "globals" as const, values })),
]);
export type PostmanVariablesFile = z.infer<typeof postmanVariablesFileSchema>;

/** Tells an environment or globals file from a collection (both are JSON objects). */
export const isPostmanVariablesFile = (raw: unknown) => postmanVariablesFileSchema.safeParse(raw).success && !(raw as { item?: unknown } | null)?.item;

/** Off, in either of the two ways Postman writes it. */
export const isDisabled = (v: { enabled?: boolean; disabled?: boolean }) => v.enabled === false || v.disabled === true;

/**
 * The file's variables as a Vigie environment's: Postman's "secret" type kept, values as text.
 * Disabled variables are left out (Postman does not send them either) and named in `skipped`;
 * of a name given twice, the last value is kept.
 */
export function environmentFromPostman(file: PostmanVariablesFile, fallbackName: string) {
  // A name given twice: the last one counts, as in Postman.
  const enabled = [...new Map(file.values.filter((v) => !isDisabled(v)).map((v) => [v.key, v])).values()];
  return {
    name: file.name || (file._postman_variable_scope === "globals" ? "Globals" : fallbackName),
    variables: enabled.map((v) => ({
      key: v.key,
      value: v.value === undefined || v.value === null ? "" : typeof v.value === "string" ? v.value : JSON.stringify(v.value),
      secret: v.type === "secret",
    })),
    skipped: file.values.filter(isDisabled).map((v) => v.key),
  };
}
