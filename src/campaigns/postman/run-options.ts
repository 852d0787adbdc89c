import { z } from "zod";
import { secretBox } from "../../platform/secret-box";
import type { CollectionRunOptions } from "./run-collection";
import { type PostmanVariables, variablesOf } from "./variables-file";

/** What a report keeps of a Postman run's options; globals and --env-var values sealed at rest (they may hold secrets). */
export const storedRunOptionsSchema = z.object({
  iterationData: z.array(z.record(z.string(), z.unknown())).max(100_000).optional(),
  iterationCount: z.number().int().positive().max(100_000).optional(),
  folders: z.array(z.string().min(1)).max(1000).optional(),
  sealedGlobals: z.string().optional(),
  sealedEnvVars: z.string().optional(),
  insecure: z.boolean().optional(),
  timeoutRequestMs: z.number().int().nonnegative().optional(),
  timeoutMs: z.number().int().nonnegative().optional(),
  timeoutScriptMs: z.number().int().nonnegative().optional(),
  ignoreRedirects: z.boolean().optional(),
  workingDir: z.string().min(1).optional(),
});
export type StoredRunOptions = z.infer<typeof storedRunOptionsSchema>;

export type RecordedRunOptions = Pick<
  CollectionRunOptions,
  | "globals"
  | "envVars"
  | "iterationData"
  | "iterationCount"
  | "folders"
  | "insecure"
  | "timeoutRequestMs"
  | "timeoutMs"
  | "timeoutScriptMs"
  | "ignoreRedirects"
  | "workingDir"
>;

/** As Newman: -n when given, else one iteration per data row, else one. */
export const iterationsOf = (options: { iterationCount?: number; iterationData?: unknown[] } | null) =>
  options?.iterationCount ?? (options?.iterationData?.length || 1);

export function sealRunOptions(options: RecordedRunOptions): StoredRunOptions {
  const { globals, envVars, ...plain } = options;
  const box = secretBox();
  return storedRunOptionsSchema.parse({
    ...plain,
    ...(globals ? { sealedGlobals: box.seal(JSON.stringify(variablesOf(globals))) } : {}),
    ...(envVars && Object.keys(envVars).length ? { sealedEnvVars: box.seal(JSON.stringify(envVars)) } : {}),
  });
}

/** The run options a report was launched with, opened, and the globals' secret values to mask. */
export function openRunOptions(stored: unknown): { options: RecordedRunOptions; secrets: string[] } {
  if (stored === null || stored === undefined) return { options: {}, secrets: [] };
  const { sealedGlobals, sealedEnvVars, ...plain } = storedRunOptionsSchema.parse(stored);
  const box = secretBox();
  const globals = sealedGlobals ? (JSON.parse(box.open(sealedGlobals)) as PostmanVariables) : undefined;
  const envVars = sealedEnvVars ? (JSON.parse(box.open(sealedEnvVars)) as Record<string, string>) : undefined;
  const secrets = variablesOf(globals)
    .filter((v) => v.type === "secret" && typeof v.value === "string" && v.value !== "")
    .map((v) => v.value as string);
  return { options: { ...plain, globals, envVars }, secrets };
}
