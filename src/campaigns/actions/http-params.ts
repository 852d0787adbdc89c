import { z } from "zod";

/*
 * The parameters of an HTTP action, on their own: the worker runs them (http.ts) and the
 * campaign editor's request builder checks them field by field in the browser.
 */

export const comparisonOperator = z.enum(["equals", "notEquals", "contains", "notContains", "matches", "lessThan", "greaterThan", "exists", "notExists"]);
export type ComparisonOperator = z.infer<typeof comparisonOperator>;

export const httpAssertion = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("status"), operator: comparisonOperator.default("equals"), expected: z.union([z.number().int(), z.string()]) }),
  z.object({ kind: z.literal("header"), name: z.string().min(1), operator: comparisonOperator.default("equals"), expected: z.string().optional() }),
  z.object({ kind: z.literal("jsonPath"), path: z.string().startsWith("$"), operator: comparisonOperator.default("equals"), expected: z.unknown().optional() }),
  z.object({ kind: z.literal("body"), operator: z.enum(["contains", "notContains", "matches"]).default("contains"), expected: z.string() }),
  z.object({ kind: z.literal("responseTime"), lessThanMs: z.number().int().positive() }),
]);

export const httpExtraction = z.discriminatedUnion("from", [
  z.object({ from: z.literal("jsonPath"), path: z.string().startsWith("$"), variable: z.string().regex(/^[\w.-]+$/) }),
  z.object({ from: z.literal("header"), name: z.string().min(1), variable: z.string().regex(/^[\w.-]+$/) }),
  z.object({ from: z.literal("regex"), pattern: z.string().min(1), group: z.number().int().min(0).default(1), variable: z.string().regex(/^[\w.-]+$/) }),
]);

export const httpBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("json"), value: z.unknown() }),
  z.object({ type: z.literal("text"), value: z.string(), contentType: z.string().default("text/plain") }),
  z.object({ type: z.literal("form"), value: z.record(z.string(), z.string()) }),
]);

/** Credentials added at run time, after variables are resolved (a Basic pair is encoded then). */
export const httpAuth = z.discriminatedUnion("type", [
  z.object({ type: z.literal("bearer"), token: z.string().min(1) }),
  z.object({ type: z.literal("basic"), username: z.string(), password: z.string() }),
]);

export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

export const httpParams = z.object({
  method: z.enum(httpMethods).default("GET"),
  url: z.url(),
  headers: z.record(z.string(), z.string()).default({}),
  query: z.record(z.string(), z.string()).default({}),
  auth: httpAuth.optional(),
  body: httpBody.optional(),
  followRedirects: z.boolean().default(true),
  /** Read at most this much of the body: assertions on a longer one fail saying so. */
  maxBodyChars: z.number().int().min(1_000).max(100_000_000).default(1_000_000),
  assertions: z.array(httpAssertion).default([]),
  extract: z.array(httpExtraction).default([]),
});
export type HttpParams = z.input<typeof httpParams>;
