import type { Db } from "../platform/db/client";
import type { Prisma } from "../generated/prisma/client";
import type { ReportStatus } from "../generated/prisma/enums";
import type { EventPayload, EventType, Publishable } from "../platform/live/events";
import { publish } from "../platform/live/publish";
import { topics } from "../platform/live/topics";
import { createLogger } from "../platform/logger";
import { actionTypes } from "./actions";
import type { AssertionResult } from "./actions/types";
import { loadEnvironmentScope } from "./run-scope";
import { maskDeep, resolveDeep, UnknownVariableError, type VariableScope } from "./variables";

const log = createLogger("campaigns");

export type RunOptions = {
  runToken: string;
  /** A RUNNING report whose heartbeat is older than this is taken over (its runner died). */
  staleAfterMs: number;
  /** Heartbeat and cancel check period: a cancel takes effect within this delay. */
  pollMs?: number;
};

export type RunEnd = "COMPLETED" | "FAILED" | "CANCELLED" | "NOT_MINE";

type LogLine = { at: Date; level: string; message: string };
const MAX_LOG_LINES_IN_EVENT = 500;

class Cancelled extends Error {}

/**
 * Runs (or resumes) a report: its tests in order, each action with its timeout and retries,
 * results and logs written as each test ends, progress and events on the report's live topic.
 * Ownership is a token taken by compare-and-swap and kept by a heartbeat; every write checks it
 * (a stale runner writes nothing and stops). A cancel request is seen within `pollMs` and aborts
 * the running action. Only the current test is held in memory.
 */
export async function runReport(db: Db, reportId: string, options: RunOptions): Promise<RunEnd> {
  const now = new Date();
  const taken = await db.campaignReport.updateMany({
    where: { id: reportId, OR: [{ status: "PENDING" }, { status: "RUNNING", heartbeatAt: { lt: new Date(now.getTime() - options.staleAfterMs) } }] },
    data: { status: "RUNNING", runToken: options.runToken, heartbeatAt: now },
  });
  if (!taken.count) return "NOT_MINE";
  const report = await db.campaignReport.findUniqueOrThrow({ where: { id: reportId } });
  const resumed = report.startedAt !== null;
  if (!resumed) await db.campaignReport.updateMany({ where: { id: reportId, runToken: options.runToken }, data: { startedAt: now } });
  const topic = topics.report(reportId);
  type ReportEvent = EventType<typeof topic>;
  const events = <E extends ReportEvent>(type: E, payload: Omit<EventPayload<typeof topic, E>, "reportId">) =>
    publish(db, topic, type, { reportId, ...payload } as Publishable<EventPayload<typeof topic, E>>);
  await events("campaign_started", { resumed, total: report.total });
  const listed = (status: ReportStatus, progress: number) =>
    publish(db, topics.campaigns, "report.updated", { reportId, campaignId: report.campaignId, status, progress });
  await listed("RUNNING", report.progress);

  const abort = new AbortController();
  let lost = false;
  const poll = setInterval(() => {
    void db.campaignReport
      .updateMany({ where: { id: reportId, runToken: options.runToken }, data: { heartbeatAt: new Date() } })
      .then(async (r) => {
        if (!r.count) {
          lost = true;
          abort.abort(new Cancelled("another runner took this report over"));
          return;
        }
        const row = await db.campaignReport.findUnique({ where: { id: reportId }, select: { cancelRequested: true } });
        if (row?.cancelRequested) abort.abort(new Cancelled("cancelled by a user"));
      })
      // A missed beat is retried at the next one; a database away for long makes the report stale and resumable.
      .catch((err: Error) => log.warn("report heartbeat not written", { reportId, error: err.message }));
  }, options.pollMs ?? 500);

  const counts = { passed: report.passed, failed: report.failed, skipped: report.skipped };
  /**
   * Every write of the run is fenced by its token: it happens only while this runner holds the
   * report (the `lease` row, locked so that a takeover waits for it), so a runner that stalled and
   * was taken over writes nothing more and stops.
   */
  const fenced = (written: boolean) => {
    if (!written && !lost) {
      lost = true;
      abort.abort(new Cancelled("another runner took this report over"));
    }
    return written;
  };
  /**
   * A test's end in one statement: its logs, its result, the report's counts and progress, and
   * their events. Committed without waiting for the disk flush: a crash loses at most the last
   * results, and the resumed run replays those tests.
   */
  const endTest = async (
    result: { id: string; position: number; testName: string },
    status: "PASSED" | "FAILED" | "SKIPPED",
    logs: LogLine[],
    captured: Record<string, string>,
    assertions: AssertionResult[],
    startedAt: Date | null,
  ) => {
    const counted = status === "PASSED" ? "passed" : status === "FAILED" ? "failed" : "skipped";
    const next = { ...counts, [counted]: counts[counted] + 1 };
    const done = next.passed + next.failed + next.skipped;
    const percent = report.total ? Math.floor((done * 100) / report.total) : 100;
    const finishedAt = new Date();
    const completed = { reportId, resultId: result.id, position: result.position, name: result.testName, status, logs: logs.slice(-MAX_LOG_LINES_IN_EVENT) };
    const progressed = { reportId, progress: percent, done, total: report.total, ...next };
    const listedNow = { reportId, campaignId: report.campaignId, status: "RUNNING", progress: percent };
    const rows = await db.$queryRaw<unknown[]>`
      WITH lease AS (
        SELECT 1 FROM "CampaignReport" WHERE "id" = ${reportId} AND "runToken" = ${options.runToken} FOR UPDATE
      ), result AS (
        UPDATE "TestResult" SET "status" = ${status}::"TestResultStatus", "finishedAt" = ${finishedAt}, "durationMs" = ${startedAt ? finishedAt.getTime() - startedAt.getTime() : null}::int,
          "captured" = ${JSON.stringify(captured)}::jsonb, "assertions" = ${JSON.stringify(assertions)}::jsonb
        WHERE "id" = ${result.id} AND "status" IN ('PENDING', 'RUNNING') AND EXISTS (SELECT 1 FROM lease)
        RETURNING "id"
      ), logs AS (
        INSERT INTO "TestLogLine" ("resultId", "at", "level", "message")
        SELECT result."id", (l->>'at')::timestamptz, l->>'level', l->>'message' FROM result, jsonb_array_elements(${JSON.stringify(logs)}::jsonb) AS l
      ), report AS (
        UPDATE "CampaignReport" SET "passed" = ${next.passed}, "failed" = ${next.failed}, "skipped" = ${next.skipped}, "progress" = ${percent}
        WHERE "id" = ${reportId} AND EXISTS (SELECT 1 FROM result)
      )
      SELECT vigie_publish(${topic}, 'test_completed', ${JSON.stringify(completed)}::jsonb, true),
             vigie_publish(${topic}, 'campaign_progress', ${JSON.stringify(progressed)}::jsonb, true),
             vigie_publish(${topics.campaigns}, 'report.updated', ${JSON.stringify(listedNow)}::jsonb, true)
      FROM result`;
    if (fenced(rows.length > 0)) Object.assign(counts, next);
  };
  /** Marks a test running (fenced like every write); false when this runner lost the report. */
  const startTest = async (result: { id: string; position: number; testName: string }, startedAt: Date) => {
    const started = { reportId, resultId: result.id, position: result.position, name: result.testName };
    const rows = await db.$queryRaw<unknown[]>`
      WITH lease AS (
        SELECT 1 FROM "CampaignReport" WHERE "id" = ${reportId} AND "runToken" = ${options.runToken} FOR UPDATE
      ), result AS (
        UPDATE "TestResult" SET "status" = 'RUNNING', "startedAt" = ${startedAt}
        WHERE "id" = ${result.id} AND "status" IN ('PENDING', 'RUNNING') AND EXISTS (SELECT 1 FROM lease)
        RETURNING "id"
      )
      SELECT vigie_publish(${topic}, 'test_started', ${JSON.stringify(started)}::jsonb, true) FROM result`;
    return fenced(rows.length > 0);
  };
  try {
    const { environment, mask } = await loadEnvironmentScope(db, report.environmentId);
    const run = new Map<string, string>();
    const results = await db.testResult.findMany({
      where: { reportId },
      orderBy: { position: "asc" },
      select: { id: true, testId: true, testName: true, position: true, status: true },
    });
    let stopReason: string | null = counts.failed > 0 && report.stopOnFailure ? "stopped at the first failure" : null;

    for (const result of results) {
      if (result.status === "PASSED" || result.status === "FAILED" || result.status === "SKIPPED") continue;
      const logs: LogLine[] = [];
      const log = async (level: string, message: string) => void logs.push({ at: new Date(), level, message: mask(message) });
      if (lost) break;
      if (abort.signal.aborted) stopReason ??= (abort.signal.reason as Error).message;
      if (stopReason) {
        await log("warn", `skipped: ${stopReason}`);
        await endTest(result, "SKIPPED", logs, {}, [], null);
        continue;
      }
      const startedAt = new Date();
      if (!(await startTest(result, startedAt))) break;
      if (result.status === "RUNNING") await log("warn", "resumed: the worker running this test stopped");

      const scope: VariableScope = { environment, run, test: { test_id: result.testId ?? "", campaign_id: report.campaignId, report_id: reportId } };
      const actions = result.testId ? await db.testAction.findMany({ where: { testId: result.testId }, orderBy: { position: "asc" } }) : [];
      const assertions: AssertionResult[] = [];
      const captured: Record<string, string> = {};
      let passed = actions.length > 0;
      if (!actions.length) await log("error", "this test has no action");
      for (const action of actions) {
        const label = `${action.type}${action.name ? ` "${action.name}"` : ""}`;
        const ok = await runAction(action, scope, { signal: abort.signal, log, captured, assertions, label });
        if (!ok) {
          passed = false;
          break;
        }
      }
      if (lost) break;
      if (abort.signal.aborted) {
        const reason = (abort.signal.reason as Error).message;
        await log("warn", `stopped: ${reason}`);
        await endTest(result, "SKIPPED", logs, maskDeep(captured, mask), maskDeep(assertions, mask), startedAt);
        stopReason = reason;
        continue;
      }
      await endTest(result, passed ? "PASSED" : "FAILED", logs, maskDeep(captured, mask), maskDeep(assertions, mask), startedAt);
      if (!passed && report.stopOnFailure) stopReason = `stopped at the first failure ("${result.testName}" failed)`;
    }

    if (lost) return "NOT_MINE";
    const end: RunEnd =
      abort.signal.aborted && (abort.signal.reason as Error).message === "cancelled by a user" ? "CANCELLED" : counts.failed > 0 ? "FAILED" : "COMPLETED";
    const closed = await db.campaignReport.updateMany({
      where: { id: reportId, runToken: options.runToken },
      data: { status: end, finishedAt: new Date(), progress: 100, runToken: null },
    });
    if (!closed.count) return "NOT_MINE";
    await events("campaign_completed", { status: end, ...counts });
    await listed(end, 100);
    return end;
  } catch (err) {
    const message = (err as Error).message;
    const closed = await db.campaignReport.updateMany({
      where: { id: reportId, runToken: options.runToken },
      data: { status: "FAILED", error: message, finishedAt: new Date(), runToken: null },
    });
    if (!closed.count) return "NOT_MINE";
    await events("campaign_error", { error: message });
    await listed("FAILED", report.progress);
    throw err;
  } finally {
    clearInterval(poll);
  }
}

async function runAction(
  action: { type: string; params: Prisma.JsonValue; timeoutMs: number; retries: number },
  scope: VariableScope,
  ctx: {
    signal: AbortSignal;
    log: (level: string, message: string) => Promise<void>;
    captured: Record<string, string>;
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
    let params: unknown;
    try {
      params = resolveDeep(action.params, scope);
    } catch (err) {
      if (err instanceof UnknownVariableError) {
        await ctx.log("error", `${ctx.label}: ${err.message}`);
        ctx.assertions.push({ name: err.message, ok: false });
        return false;
      }
      throw err;
    }
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
