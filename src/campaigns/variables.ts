import { randomUUID } from "node:crypto";

/**
 * Where `{{…}}` names are looked up:
 * - `{{$timestamp}}` (Unix seconds), `{{$uuid}}`: built-ins, new at each use;
 * - `{{test.test_id}}`, `{{test.campaign_id}}`, `{{test.report_id}}`: the run's identifiers;
 * - `{{app.name}}`: captured or set by earlier actions of this run;
 * - `{{name}}`: first a variable set or captured during the run, then the environment's.
 */
export type VariableScope = {
  environment: Map<string, string>;
  run: Map<string, string>;
  test: { test_id: string; campaign_id: string; report_id: string };
  /** Told of a `{{name}}` nobody defines: it is left as written, as Newman leaves it. */
  onUnknown?: (name: string) => void;
};

function lookup(name: string, scope: VariableScope): string | undefined {
  if (name === "$timestamp") return String(Math.floor(Date.now() / 1000));
  if (name === "$uuid") return randomUUID();
  if (name.startsWith("test.")) return Object.hasOwn(scope.test, name.slice(5)) ? scope.test[name.slice(5) as keyof VariableScope["test"]] : undefined;
  if (name.startsWith("app.")) return scope.run.get(name.slice(4));
  return scope.run.get(name) ?? scope.environment.get(name);
}

const PATTERN = /\{\{\s*([$\w.-]+)\s*\}\}/g;

export function resolveString(text: string, scope: VariableScope): string {
  return text.replace(PATTERN, (written, name: string) => {
    const value = lookup(name, scope);
    if (value === undefined) scope.onUnknown?.(name);
    return value ?? written;
  });
}

/** Resolves every string in a value, however deep in objects and arrays (keys included). */
export function resolveDeep<T>(value: T, scope: VariableScope): T {
  if (typeof value === "string") return resolveString(value, scope) as T;
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, scope)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [resolveString(k, scope), resolveDeep(v, scope)])) as T;
  }
  return value;
}

/** A secret too short to hide reliably in logs (it would match everywhere) is refused at entry. */
export const MIN_SECRET_LENGTH = 4;

/**
 * The forms a secret takes in what a run writes: as is, URL-encoded (%-escapes or form "+"),
 * JSON-escaped, and base64 (standard and URL-safe) at each of the three alignments it can have
 * inside a longer encoded value (an Authorization: Basic header), keeping only the characters that
 * depend on the secret alone.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, "+"), JSON.stringify(secret).slice(1, -1)]);
  const bytes = Buffer.from(secret, "utf8");
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    const first = offset ? 1 : 0;
    const last = Math.floor(shifted.length / 3);
    if ((last - first) * 4 < 8 && offset) continue;
    const encoded = shifted.toString("base64").slice(first * 4, last * 4);
    if (!encoded) continue;
    forms.add(encoded);
    forms.add(encoded.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  forms.add(bytes.toString("base64"));
  forms.add(bytes.toString("base64url"));
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** Replaces every secret, in every form it takes, with ••••: results, logs, events and exports go through it before anything is stored. */
export function secretMasker(secrets: Iterable<string>): (text: string) => string {
  const values = [...new Set([...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(secretForms))].sort((a, b) => b.length - a.length);
  if (!values.length) return (text) => text;
  const pattern = new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (text) => text.replace(pattern, "••••");
}

/** A value with every string in it masked (assertion results: names, expected and actual values, messages). */
export function maskDeep<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === "string") return mask(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, mask)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [mask(k), maskDeep(v, mask)])) as T;
  return value;
}
