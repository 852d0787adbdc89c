import { z } from "zod";
import { defineAction } from "./types";

/** Sets run variables: `{"variables": {"orderId": "42", "stamp": "{{$timestamp}}"}}`. */
export const setAction = defineAction({
  type: "set",
  description: "Sets variables for the rest of the run ({{name}} and {{app.name}}).",
  params: z.object({ variables: z.record(z.string().regex(/^[\w.-]+$/, "letters, digits, _ . -"), z.union([z.string(), z.number(), z.boolean()])) }),
  async run({ variables }, { setVariable, log }) {
    for (const [name, value] of Object.entries(variables)) setVariable(name, String(value));
    await log("info", { code: "set", params: { names: Object.keys(variables) } });
    return { ok: true, assertions: [] };
  },
});
