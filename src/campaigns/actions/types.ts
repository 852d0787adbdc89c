import type { Dispatcher } from "undici";
import type { z } from "zod";
import type { RunLogEntry } from "../run-log-types";

export type AssertionResult = { name: string; ok: boolean; expected?: unknown; actual?: unknown; message?: string };

/** What an action may use while it runs. */
export type ActionContext = {
  signal: AbortSignal;
  /** Writes a line in the test's log, by code (run-log-types.ts). */
  log(level: "info" | "warn" | "error", entry: RunLogEntry): Promise<void>;
  /** Sets a run variable: `{{name}}` and `{{app.name}}` in later actions. */
  setVariable(name: string, value: string): void;
  /** The run's connections when its environment sets TLS (extra CA, client certificate, insecure); fetch's default otherwise. */
  dispatcher?: Dispatcher;
};

export type ActionOutcome = { ok: boolean; assertions: AssertionResult[]; message?: string };

export type ActionDefinition<P extends z.ZodType = z.ZodType> = {
  type: string;
  description: string;
  /** Parameters, validated when saved and again (after variables are resolved) when run. */
  params: P;
  run(params: z.infer<P>, context: ActionContext): Promise<ActionOutcome>;
};

export function defineAction<P extends z.ZodType>(definition: ActionDefinition<P>): ActionDefinition<P> {
  return definition;
}
