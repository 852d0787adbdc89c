import { RegexError, regexTest } from "../../lib/regex-sandbox";
import type { ComparisonOperator } from "./http-params";

/**
 * Compares an actual value with an expected one; numbers compare as numbers when both parse.
 * `matches` runs the user's pattern in the regex sandbox (a RegexError when it is invalid or too slow).
 */
export async function compare(actual: unknown, operator: ComparisonOperator, expected: unknown): Promise<boolean> {
  const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  switch (operator) {
    case "exists":
      return actual !== undefined && actual !== null;
    case "notExists":
      return actual === undefined || actual === null;
    case "equals":
    case "notEquals": {
      const same = typeof actual === "number" || typeof expected === "number" ? Number(actual) === Number(expected) : text(actual) === text(expected);
      return operator === "equals" ? same : !same;
    }
    case "contains":
      return text(actual ?? "").includes(text(expected));
    case "notContains":
      return !text(actual ?? "").includes(text(expected));
    case "matches":
      return regexTest(String(expected), text(actual ?? ""));
    case "lessThan":
      return Number(actual) < Number(expected);
    case "greaterThan":
      return Number(actual) > Number(expected);
  }
}

/** `compare` as an assertion's verdict: a pattern that is invalid or too slow fails it with the reason. */
export async function verdict(actual: unknown, operator: ComparisonOperator, expected: unknown): Promise<{ ok: boolean; message?: string }> {
  try {
    return { ok: await compare(actual, operator, expected) };
  } catch (err) {
    if (err instanceof RegexError) return { ok: false, message: err.message };
    throw err;
  }
}
