import { z } from "zod";

/** A Postman environment or globals file, as Postman exports them. */
export const postmanVariablesFileSchema = z.looseObject({
  name: z.string().trim().max(100).optional(),
  _postman_variable_scope: z.enum(["environment", "globals"]).optional(),
  values: z.array(z.looseObject({ key: z.string(), value: z.unknown().optional(), type: z.string().optional(), enabled: z.boolean().optional() })).max(500),
});
export type PostmanVariablesFile = z.infer<typeof postmanVariablesFileSchema>;

/** Tells an environment or globals file from a collection (both are JSON objects). */
export const isPostmanVariablesFile = (raw: unknown) => postmanVariablesFileSchema.safeParse(raw).success && !(raw as { item?: unknown }).item;

/**
 * The file's variables as a Vigie environment's: Postman's "secret" type kept, values as text.
 * Disabled variables are left out (Postman does not send them either) and named in `skipped`.
 */
export function environmentFromPostman(file: PostmanVariablesFile, fallbackName: string) {
  const enabled = file.values.filter((v) => v.enabled !== false);
  return {
    name: file.name || (file._postman_variable_scope === "globals" ? "Globals" : fallbackName),
    variables: enabled.map((v) => ({
      key: v.key,
      value: v.value === undefined || v.value === null ? "" : typeof v.value === "string" ? v.value : JSON.stringify(v.value),
      secret: v.type === "secret",
    })),
    skipped: file.values.filter((v) => v.enabled === false).map((v) => v.key),
  };
}
