import type { Db } from "../platform/db/client";
import type { Prisma } from "../generated/prisma/client";
import { actionTypes } from "./actions";
import type { AssertionResult } from "./actions/types";
import { runPostmanReport } from "./postman/run-report";
import { type LogLine, openReportRun, type ReportRun, type RunEnd, type RunOptions } from "./report-run";
import { loadEnvironmentScope } from "./run-scope";
import type { Dispatcher } from "undici";
import { tlsDispatcher } from "./environment-tls";
import { maskDeep, resolveDeep, type VariableScope } from "./variables";

export type { RunEnd, RunOptions } from "./report-run";

/**
 * Runs (or resumes) a report: a Postman campaign through postman-runtime, a native one test by
 * test, each action with its timeout and retries, results and logs written as each test ends,
 * progress and events on the report's live topic. The report is held as a fenced lease
 * (report-run.ts); a cancel request is seen within `pollMs` and aborts the running action. Only
 * the current test is held in memory.
 */
export async function runReport(db: Db, reportId: string, options: RunOptions): Promise<RunEnd> {
  const run = await openReportRun(db, reportId, options);
  if (!run) return "NOT_MINE";
  try {
    const { kind } = await db.campaign.findUniqueOrThrow({ where: { id: run.report.campaignId }, select: { kind: true } });
    return kind === "POSTMAN" ? await runPostmanReport(db, run) : await runNativeReport(db, run);
  } catch (err) {
    if ((await run.fail((err as Error).message)) === "NOT_MINE") return "NOT_MINE";
    throw err;
  } finally {
    run.close();
  }
}

async function runNativeReport(db: Db, run: ReportRun): Promise<RunEnd> {
  const { report } = run;
  const { environment, mask, tls } = await loadEnvironmentScope(db, report.environmentId);
  const dispatcher = tlsDispatcher(tls);
  try {
    return await runNativeTests(db, run, { environment, mask, dispatcher });
  } finally {
    await dispatcher?.close();
  }
}

async function runNativeTests(
  db: Db,
  run: ReportRun,
  { environment, mask, dispatcher }: { environment: Map<string, string>; mask: (text: string) => string; dispatcher: Dispatcher | undefined },
): Promise<RunEnd> {
  const { report, signal } = run;
  const runVariables = new Map<string, string>();
  const results = await db.testResult.findMany({
    where: { reportId: report.id },
    orderBy: { position: "asc" },
    select: { id: true, testId: true, testName: true, position: true, status: true },
  });
  let stopReason: string | null = run.counts.failed > 0 && report.stopOnFailure ? "stopped at the first failure" : null;

  for (const result of results) {
    if (result.status === "PASSED" || result.status === "FAILED" || result.status === "SKIPPED") continue;
    const logs: LogLine[] = [];
    const log = async (level: string, message: string) => void logs.push({ at: new Date(), level, message: mask(message) });
    if (run.lost) break;
    if (signal.aborted) stopReason ??= (signal.reason as Error).message;
    if (stopReason) {
      await log("warn", `skipped: ${stopReason}`);
      await run.endResult(result, "SKIPPED", logs, {}, [], null);
      continue;
    }
    const startedAt = new Date();
    if (!(await run.startResult(result, startedAt))) break;
    if (result.status === "RUNNING") await log("warn", "resumed: the worker running this test stopped");

    const scope: VariableScope = {
      environment,
      run: runVariables,
      test: { test_id: result.testId ?? "", campaign_id: report.campaignId, report_id: report.id },
    };
    const actions = result.testId ? await db.testAction.findMany({ where: { testId: result.testId }, orderBy: { position: "asc" } }) : [];
    const assertions: AssertionResult[] = [];
    const captured: Record<string, string> = {};
    let passed = actions.length > 0;
    if (!actions.length) await log("error", "this test has no action");
    // As in Newman, a failed request does not stop the ones after it, unless the run stops at the first failure.
    for (const [i, action] of actions.entries()) {
      const label = `${action.type}${action.name ? ` "${action.name}"` : ""}`;
      const ok = await runAction(action, scope, { signal, log, captured, assertions, label, dispatcher });
      if (signal.aborted) break;
      if (!ok) passed = false;
      if (!ok && report.stopOnFailure) {
        for (const rest of actions.slice(i + 1)) await log("warn", `skipped: ${rest.type}${rest.name ? ` "${rest.name}"` : ""} (stopped at the first failure)`);
        break;
      }
    }
    if (run.lost) break;
    if (signal.aborted) {
      const reason = (signal.reason as Error).message;
      await log("warn", `stopped: ${reason}`);
      await run.endResult(result, "SKIPPED", logs, maskDeep(captured, mask), maskDeep(assertions, mask), startedAt);
      stopReason = reason;
      continue;
    }
    await run.endResult(result, passed ? "PASSED" : "FAILED", logs, maskDeep(captured, mask), maskDeep(assertions, mask), startedAt);
    if (!passed && report.stopOnFailure) stopReason = `stopped at the first failure ("${result.testName}" failed)`;
  }
  return run.finish();
}

async function runAction(
  action: { type: string; params: Prisma.JsonValue; timeoutMs: number; retries: number },
  scope: VariableScope,
  ctx: {
    signal: AbortSignal;
    log: (level: string, message: string) => Promise<void>;
    captured: Record<string, string>;
    dispatcher: Dispatcher | undefined;
    assertions: AssertionResult[];
    label: string;
  },
): Promise<boolean> {
  const definition = actionTypes[action.type];
  if (!definition) {
    await ctx.log("error", `${ctx.label}: unknown action type`);
    return false;
  }
  for (let attempt = 0; attempt <= action.retries; attempt++) {
    if (ctx.signal.aborted) return false;
    if (attempt > 0) await ctx.log("warn", `${ctx.label}: retry ${attempt} of ${action.retries}`);
    const unknown = new Set<string>();
    const params = resolveDeep(action.params, { ...scope, onUnknown: (name) => unknown.add(name) });
    for (const name of unknown) await ctx.log("warn", `${ctx.label}: unknown variable {{${name}}}, sent as written`);
    const parsed = definition.params.safeParse(params);
    if (!parsed.success) {
      await ctx.log("error", `${ctx.label}: invalid parameters: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return false;
    }
    // One controller per attempt, released at once (AbortSignal.any and .timeout would keep a
    // listener on the run's signal and a timer alive per action: memory that grows with the run).
    const attemptAbort = new AbortController();
    const onRunAbort = () => attemptAbort.abort(ctx.signal.reason);
    ctx.signal.addEventListener("abort", onRunAbort, { once: true });
    const timer = setTimeout(() => attemptAbort.abort(new Error(`timed out after ${action.timeoutMs} ms`)), action.timeoutMs);
    const signal = attemptAbort.signal;
    try {
      const outcome = await definition.run(parsed.data, {
        signal,
        dispatcher: ctx.dispatcher,
        log: (level, message) => ctx.log(level, message),
        setVariable: (name, value) => {
          scope.run.set(name, value);
          ctx.captured[name] = value;
        },
      });
      if (outcome.ok || attempt === action.retries) {
        ctx.assertions.push(...outcome.assertions);
        if (!outcome.ok && outcome.message) await ctx.log("error", `${ctx.label}: ${outcome.message}`);
        return outcome.ok;
      }
    } catch (err) {
      if (ctx.signal.aborted) return false;
      const reason = signal.aborted ? `timed out after ${action.timeoutMs} ms` : (err as Error).message;
      await ctx.log("error", `${ctx.label}: ${reason}`);
      if (attempt === action.retries) {
        ctx.assertions.push({ name: ctx.label, ok: false, message: reason });
        return false;
      }
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onRunAbort);
    }
  }
  return false;
}
