import { z } from "zod";

export const comparisonOperator = z.enum(["equals", "notEquals", "contains", "notContains", "matches", "lessThan", "greaterThan", "exists", "notExists"]);
export type ComparisonOperator = z.infer<typeof comparisonOperator>;

/** Compares an actual value with an expected one; numbers compare as numbers when both parse. */
export function compare(actual: unknown, operator: ComparisonOperator, expected: unknown): boolean {
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
      return new RegExp(String(expected)).test(text(actual ?? ""));
    case "lessThan":
      return Number(actual) < Number(expected);
    case "greaterThan":
      return Number(actual) > Number(expected);
  }
}
