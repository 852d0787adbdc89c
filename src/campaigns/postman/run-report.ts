import type { Db } from "../../platform/db/client";
import type { AssertionResult } from "../actions/types";
import type { LogLine, ReportRun, ResultRef, RunEnd } from "../report-run";
import { runLogLine } from "../run-log-line";
import { loadEnvironmentScope } from "../run-scope";
import { runPostmanCollection, type RequestExecution } from "./run-collection";
import { openRunOptions } from "./run-options";

/** A request's name in a report: its folders and name, and its iteration from the second on. */
const executionName = (e: RequestExecution) => `${[...e.folders, e.item].join(" / ")}${e.iteration > 0 ? ` (#${e.iteration + 1})` : ""}`;

/** What a request did, as the report's log shows it (what the runtime gave is masked already). */
function requestLogs(e: RequestExecution, consoleLines: LogLine[]): LogLine[] {
  const lines: LogLine[] = [...consoleLines];
  if (e.error) lines.push(runLogLine("error", { code: "postman_request_failed", params: { method: e.method, url: e.url, detail: e.error } }));
  else if (e.method)
    lines.push(runLogLine("info", { code: "postman_exchange", params: { method: e.method, url: e.url, status: e.status, ms: e.responseTimeMs } }));
  for (const a of e.assertions)
    lines.push(
      a.skipped
        ? runLogLine("warn", { code: "check_skipped", params: { name: a.name } })
        : a.passed
          ? runLogLine("info", { code: "check_passed", params: { name: a.name } })
          : runLogLine("error", { code: "script_check_failed", params: { name: a.name, detail: a.error } }),
    );
  for (const detail of e.scriptErrors) lines.push(runLogLine("error", { code: "script_error", params: { detail } }));
  return lines;
}

/**
 * Runs a Postman campaign's collection with postman-runtime against the report's environment,
 * and writes one result per request execution as it ends (its assertions, console output and
 * script errors), with the report's events. Scripts carry state from request to request, so a
 * resumed run replays the collection from its start: results already stored are kept as they are
 * and only the executions after them are written. Writes are fenced like a native run's.
 */
export async function runPostmanReport(db: Db, run: ReportRun): Promise<RunEnd> {
  const { report } = run;
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: report.campaignId }, select: { collection: true } });
  const { environment, secrets, secretKeys, tls } = await loadEnvironmentScope(db, report.environmentId);
  const own = openRunOptions(report.runOptions);
  const stored = new Map(
    (await db.testResult.findMany({ where: { reportId: report.id }, select: { id: true, position: true, testName: true, status: true } })).map((r) => [
      r.position,
      r,
    ]),
  );

  const stop = new AbortController();
  const onRunAbort = () => stop.abort(run.signal.reason);
  run.signal.addEventListener("abort", onRunAbort, { once: true });
  let writes: Promise<unknown> = Promise.resolve();
  let writeError: Error | null = null;
  // Writes happen in order, one at a time, while the runtime goes on; a failed write stops the run.
  const write = <T>(step: () => Promise<T>): Promise<T | null> => {
    const next = writes.then(() => (writeError || run.lost ? null : step()));
    writes = next.catch((err: Error) => {
      writeError ??= err;
      stop.abort(err);
    });
    return next.catch(() => null);
  };

  type Pending = { ref: Promise<ResultRef | null>; startedAt: Date; console: LogLine[] };
  const pending = new Map<RequestExecution, Pending>();
  let position = 0;
  let announcedReplay = false;
  const summary = await runPostmanCollection(
    campaign.collection,
    {
      timeoutRequestMs: 300_000,
      ...own.options,
      environment: { values: [...environment].map(([key, value]) => ({ key, value, type: secretKeys.has(key) ? "secret" : "default" })) },
      secrets: [...secrets, ...own.secrets],
      tls,
      bail: report.stopOnFailure,
      signal: stop.signal,
    },
    {
      keepExecutions: false,
      itemStarted(e) {
        const at = position++;
        const startedAt = new Date();
        const before = stored.get(at);
        const done = before && (before.status === "PASSED" || before.status === "FAILED" || before.status === "SKIPPED");
        const ref = done
          ? Promise.resolve(null)
          : before
            ? write(async () => ((await run.startResult(before, startedAt)) ? before : null))
            : write(() => run.addResult(at, executionName(e), startedAt));
        const replayed = run.resumed && !done && !announcedReplay && stored.size > 0;
        if (replayed) announcedReplay = true;
        const console: LogLine[] = replayed ? [runLogLine("warn", { code: "replayed", params: { kept: stored.size } })] : [];
        pending.set(e, { ref, startedAt, console });
      },
      console(e, level, message) {
        if (e) pending.get(e)?.console.push(runLogLine(level === "log" ? "info" : level, { code: "console", params: { text: message } }));
      },
      itemEnded(e) {
        const entry = pending.get(e);
        pending.delete(e);
        if (!entry) return;
        const failed = e.error !== null || e.scriptErrors.length > 0 || e.assertions.some((a) => !a.passed && !a.skipped);
        const assertions: AssertionResult[] = e.assertions.map((a) => ({
          name: a.name,
          ok: a.passed || a.skipped,
          ...(a.error ? { message: a.error } : a.skipped ? { message: "skipped" } : {}),
        }));
        void write(async () => {
          const ref = await entry.ref;
          if (ref) await run.endResult(ref, failed ? "FAILED" : "PASSED", requestLogs(e, entry.console), {}, assertions, entry.startedAt);
        });
      },
    },
  ).finally(() => run.signal.removeEventListener("abort", onRunAbort));
  await writes;
  if (writeError) throw writeError;
  const notRun = summary.aborted ? Math.max(0, report.total - position) : 0;
  // Run to its end, the collection's executions are the report's whole (fewer than planned with --folder).
  return run.finish(summary.aborted ? { notRun } : { notRun, total: position });
}
