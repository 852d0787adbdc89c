import { z } from "zod";
import { actionParamsIssues } from "./actions";
import { environmentTlsInput } from "./environment-tls";
import { MIN_SECRET_LENGTH } from "./variables";

const variableKey = z
  .string()
  .trim()
  .min(1, "a variable needs a name")
  .max(200)
  // Any name Postman allows: only braces (they delimit {{name}}) and control characters are refused.
  .regex(/^[^{}\p{Cc}]+$/u, "no braces or control characters");

/** A variable from the form: a secret left empty keeps its stored value (the form never gets it back). */
export const environmentInput = z.object({
  name: z.string().trim().min(1, "a name is required").max(100),
  description: z.string().trim().max(2000).default(""),
  variables: z
    .array(
      z
        .object({ key: variableKey, value: z.string().max(10_000).nullable(), secret: z.boolean().default(false) })
        .refine((v) => !v.secret || v.value === null || v.value === "" || v.value.length >= MIN_SECRET_LENGTH, {
          path: ["value"],
          message: `a secret needs at least ${MIN_SECRET_LENGTH} characters: a shorter one would be found, and hidden, everywhere in logs`,
        }),
    )
    .max(500)
    .refine((vars) => new Set(vars.map((v) => v.key)).size === vars.length, "two variables have the same name"),
  tls: environmentTlsInput,
});
export type EnvironmentInput = z.input<typeof environmentInput>;

export const actionInput = z
  .object({
    type: z.string().min(1),
    name: z.string().trim().max(200).default(""),
    params: z.record(z.string(), z.unknown()).default({}),
    timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
    retries: z.number().int().min(0).max(10).default(0),
  })
  .superRefine((a, ctx) => {
    // Each issue at its own field, with zod's code: the editor points at the field, in the reader's language.
    for (const issue of actionParamsIssues(a.type, a.params)) ctx.addIssue({ ...issue, path: ["params", ...issue.path] } as never);
  });

export const testInput = z.object({
  name: z.string().trim().min(1, "a test needs a name").max(200),
  actions: z.array(actionInput).max(200),
});

export const campaignInput = z.object({
  name: z.string().trim().min(1, "a name is required").max(200),
  description: z.string().trim().max(5000).default(""),
  tests: z.array(testInput).max(10_000),
});
export type CampaignInput = z.input<typeof campaignInput>;
