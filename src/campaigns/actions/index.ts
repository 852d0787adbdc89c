import { assertAction } from "./assert";
import { delayAction } from "./delay";
import { httpAction } from "./http";
import { setAction } from "./set";
import type { ActionDefinition } from "./types";

/** Every action type. A new type is one file in this folder and its line here. */
export const actionTypes: Record<string, ActionDefinition> = Object.fromEntries(
  [httpAction, delayAction, assertAction, setAction].map((a) => [a.type, a as unknown as ActionDefinition]),
);

/** Why saved parameters do not fit their type, or null. Variables are left unresolved here. */
export function actionParamsProblem(type: string, params: unknown): string | null {
  const action = actionTypes[type];
  if (!action) return `unknown action type "${type}" (known: ${Object.keys(actionTypes).join(", ")})`;
  // URLs may be templates until run time: check them with a placeholder host.
  const probe = JSON.parse(JSON.stringify(params ?? {}).replace(/\{\{[^}]*\}\}/g, "x"));
  if (typeof probe?.url === "string" && !/^https?:\/\//.test(probe.url)) probe.url = `http://x/${probe.url}`;
  const parsed = action.params.safeParse(probe);
  return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".") || "params"}: ${i.message}`).join("; ");
}
