import { assertAction } from "./assert";
import { delayAction } from "./delay";
import { httpAction } from "./http";
import { setAction } from "./set";
import { templateProbe } from "./template-probe";
import type { ActionDefinition } from "./types";

type ParamsIssue = { code: string; path: PropertyKey[]; message: string };

/** Every action type. A new type is one file in this folder and its line here. */
export const actionTypes: Record<string, ActionDefinition> = Object.fromEntries(
  [httpAction, delayAction, assertAction, setAction].map((a) => [a.type, a as unknown as ActionDefinition]),
);

/**
 * Why saved parameters do not fit their type, issue by issue (paths inside the parameters); none
 * when they fit. Variables are left unresolved here (see templateProbe).
 */
export function actionParamsIssues(type: string, params: unknown): ParamsIssue[] {
  const action = actionTypes[type];
  if (!action) return [{ code: "custom", path: [], message: `unknown action type "${type}" (known: ${Object.keys(actionTypes).join(", ")})` }];
  const parsed = action.params.safeParse(templateProbe(params));
  return parsed.success ? [] : parsed.error.issues;
}

/** The same, in one line, or null. */
export function actionParamsProblem(type: string, params: unknown): string | null {
  const issues = actionParamsIssues(type, params);
  return issues.length ? issues.map((i) => `${i.path.join(".") || "params"}: ${i.message}`).join("; ") : null;
}
