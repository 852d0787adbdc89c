import type { Db } from "../platform/db/client";
import type { Prisma } from "../generated/prisma/client";
import { actionTypes } from "./actions";
import type { AssertionResult } from "./actions/types";
import { runPostmanReport } from "./postman/run-report";
import { runLogTextsEn } from "../i18n/run-log-texts-en";
import { RequestFailedError } from "./actions/response-text";
import { CANCELLED_BY_USER, type LogLine, openReportRun, type ReportRun, type RunEnd, type RunOptions } from "./report-run";
import { runLogLine } from "./run-log-line";
import type { RunLogEntry, StopReason } from "./run-log-types";
import { loadEnvironmentScope } from "./run-scope";
import type { Dispatcher } from "undici";
import { tlsDispatcher } from "./environment-tls";
import { maskDeep, resolveDeep, type VariableScope } from "./variables";
import { alertFormat } from "../platform/alerts/alert-text";
import { issueTexts } from "../platform/validation-text";

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
  let stopReason: StopReason | null = run.counts.failed > 0 && report.stopOnFailure ? { code: "first_failure" } : null;

  for (const result of results) {
    if (result.status === "PASSED" || result.status === "FAILED" || result.status === "SKIPPED") continue;
    const logs: LogLine[] = [];
    const log = async (level: string, entry: RunLogEntry) => void logs.push(runLogLine(level, entry, mask));
    if (run.lost) break;
    if (signal.aborted) stopReason ??= abortReason(signal);
    if (stopReason) {
      await log("warn", { code: "test_skipped", params: { reason: stopReason } });
      await run.endResult(result, "SKIPPED", logs, {}, [], null);
      continue;
    }
    const startedAt = new Date();
    if (!(await run.startResult(result, startedAt))) break;
    if (result.status === "RUNNING") await log("warn", { code: "test_resumed", params: {} });

    const scope: VariableScope = {
      environment,
      run: runVariables,
      test: { test_id: result.testId ?? "", campaign_id: report.campaignId, report_id: report.id },
    };
    const actions = result.testId ? await db.testAction.findMany({ where: { testId: result.testId }, orderBy: { position: "asc" } }) : [];
    const assertions: AssertionResult[] = [];
    const captured: Record<string, string> = {};
    let passed = actions.length > 0;
    if (!actions.length) await log("error", { code: "no_action", params: {} });
    // As in Newman, a failed request does not stop the ones after it, unless the run stops at the first failure.
    for (const [i, action] of actions.entries()) {
      const ok = await runAction(action, scope, { signal, log, captured, assertions, label: actionLabel(action), dispatcher });
      if (signal.aborted) break;
      if (!ok) passed = false;
      if (!ok && report.stopOnFailure) {
        for (const rest of actions.slice(i + 1)) await log("warn", { code: "action_skipped", params: { action: actionLabel(rest) } });
        break;
      }
    }
    if (run.lost) break;
    if (signal.aborted) {
      const reason = abortReason(signal);
      await log("warn", { code: "test_stopped", params: { reason } });
      await run.endResult(result, "SKIPPED", logs, maskDeep(captured, mask), maskDeep(assertions, mask), startedAt);
      stopReason = reason;
      continue;
    }
    await run.endResult(result, passed ? "PASSED" : "FAILED", logs, maskDeep(captured, mask), maskDeep(assertions, mask), startedAt);
    if (!passed && report.stopOnFailure) stopReason = { code: "first_failure", test: result.testName };
  }
  return run.finish();
}

const englishFormat = alertFormat("en");
const actionLabel = (action: { type: string; name: string | null }) => `${action.type}${action.name ? ` "${action.name}"` : ""}`;

/** Why a run stopped: a user's cancel, or what aborted it (its lease lost, the worker stopping). */
function abortReason(signal: AbortSignal): StopReason {
  const message = (signal.reason as Error).message;
  return message === CANCELLED_BY_USER ? { code: "cancelled" } : { code: "other", message };
}

/** An action's failure as its assertion records it (in English, like the stored log text): without the action's label, which names the assertion. */
function failureReason(failure: RunLogEntry): string {
  if (failure.code === "action_timeout") return runLogTextsEn.timedOut(failure.params.ms, englishFormat);
  if (failure.code === "request_failed") return runLogTextsEn.requestFailure(failure.params);
  return failure.code === "action_failed" ? failure.params.detail : failure.code;
}

async function runAction(
  action: { type: string; params: Prisma.JsonValue; timeoutMs: number; retries: number },
  scope: VariableScope,
  ctx: {
    signal: AbortSignal;
    log: (level: string, entry: RunLogEntry) => Promise<void>;
    captured: Record<string, string>;
    dispatcher: Dispatcher | undefined;
    assertions: AssertionResult[];
    label: string;
  },
): Promise<boolean> {
  const definition = actionTypes[action.type];
  if (!definition) {
    await ctx.log("error", { code: "unknown_action", params: { action: ctx.label } });
    return false;
  }
  for (let attempt = 0; attempt <= action.retries; attempt++) {
    if (ctx.signal.aborted) return false;
    if (attempt > 0) await ctx.log("warn", { code: "retry", params: { action: ctx.label, attempt, retries: action.retries } });
    const unknown = new Set<string>();
    const params = resolveDeep(action.params, { ...scope, onUnknown: (name) => unknown.add(name) });
    for (const name of unknown) await ctx.log("warn", { code: "unknown_variable", params: { action: ctx.label, name } });
    const parsed = definition.params.safeParse(params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), ...issueTexts(issue) }));
      await ctx.log("error", { code: "invalid_params", params: { action: ctx.label, issues } });
      return false;
    }
    // One controller per attempt, released at once (AbortSignal.any and .timeout would keep a
    // listener on the run's signal and a timer alive per action: memory that grows with the run).
    const attemptAbort = new AbortController();
    const onRunAbort = () => attemptAbort.abort(ctx.signal.reason);
    ctx.signal.addEventListener("abort", onRunAbort, { once: true });
    const timer = setTimeout(() => attemptAbort.abort(new Error(runLogTextsEn.timedOut(action.timeoutMs, englishFormat))), action.timeoutMs);
    const signal = attemptAbort.signal;
    try {
      const outcome = await definition.run(parsed.data, {
        signal,
        dispatcher: ctx.dispatcher,
        log: (level, entry) => ctx.log(level, entry),
        setVariable: (name, value) => {
          scope.run.set(name, value);
          ctx.captured[name] = value;
        },
      });
      if (outcome.ok || attempt === action.retries) {
        ctx.assertions.push(...outcome.assertions);
        if (!outcome.ok && outcome.message) await ctx.log("error", { code: "action_failed", params: { action: ctx.label, detail: outcome.message } });
        return outcome.ok;
      }
    } catch (err) {
      if (ctx.signal.aborted) return false;
      const failure: RunLogEntry = signal.aborted
        ? { code: "action_timeout", params: { action: ctx.label, ms: action.timeoutMs } }
        : err instanceof RequestFailedError
          ? { code: "request_failed", params: { action: ctx.label, method: err.method, origin: err.origin, errorCode: err.errorCode, detail: err.detail } }
          : { code: "action_failed", params: { action: ctx.label, detail: (err as Error).message } };
      await ctx.log("error", failure);
      if (attempt === action.retries) {
        ctx.assertions.push({ name: ctx.label, ok: false, message: failureReason(failure) });
        return false;
      }
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onRunAbort);
    }
  }
  return false;
}
