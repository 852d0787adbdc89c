import { randomUUID } from "node:crypto";

/** A `{{name}}` nobody defines: the action fails with this, never with an empty string. */
export class UnknownVariableError extends Error {
  constructor(readonly variable: string) {
    super(`unknown variable {{${variable}}}`);
    this.name = "UnknownVariableError";
  }
}

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
};

function lookup(name: string, scope: VariableScope): string {
  if (name === "$timestamp") return String(Math.floor(Date.now() / 1000));
  if (name === "$uuid") return randomUUID();
  if (name.startsWith("test.")) {
    const value = scope.test[name.slice(5) as keyof VariableScope["test"]];
    if (value === undefined) throw new UnknownVariableError(name);
    return value;
  }
  if (name.startsWith("app.")) {
    const value = scope.run.get(name.slice(4));
    if (value === undefined) throw new UnknownVariableError(name);
    return value;
  }
  const value = scope.run.get(name) ?? scope.environment.get(name);
  if (value === undefined) throw new UnknownVariableError(name);
  return value;
}

const PATTERN = /\{\{\s*([$\w.-]+)\s*\}\}/g;

export function resolveString(text: string, scope: VariableScope): string {
  return text.replace(PATTERN, (_, name: string) => lookup(name, scope));
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

/** Replaces every secret value in a text with ••••: logs, reports and exports go through it. */
export function secretMasker(secrets: Iterable<string>): (text: string) => string {
  const values = [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  if (!values.length) return (text) => text;
  const pattern = new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (text) => text.replace(pattern, "••••");
}
