import { z } from "zod";
import { verdict } from "./compare";
import { comparisonOperator } from "./http-params";
import { defineAction } from "./types";

/** Compares two values, usually variables: `{"actual": "{{app.orderId}}", "operator": "exists"}`. */
export const assertAction = defineAction({
  type: "assert",
  description: "Compares `actual` with `expected` using `operator` (equals, contains, matches, lessThan…).",
  params: z.object({
    actual: z.unknown(),
    operator: comparisonOperator.default("equals"),
    expected: z.unknown().optional(),
    name: z.string().max(200).optional(),
  }),
  async run({ actual, operator, expected, name }, { log }) {
    const { ok, message } = await verdict(actual, operator, expected);
    const label = name ?? `${JSON.stringify(actual)} ${operator} ${expected === undefined ? "" : JSON.stringify(expected)}`.trim();
    await log(
      ok ? "info" : "error",
      ok ? { code: "check_passed", params: { name: label } } : { code: "check_failed", params: { name: label, ...(message ? { detail: message } : {}) } },
    );
    return { ok, assertions: [{ name: label, ok, expected, actual, message }] };
  },
});
