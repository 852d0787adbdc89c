import type { Db } from "../platform/db/client";
import { storableJson, storableText } from "../lib/unsafe-text";
import type { CampaignReport } from "../generated/prisma/client";
import type { ReportStatus } from "../generated/prisma/enums";
import { raiseAlert } from "../platform/alerts/alerts";
import type { EventPayload, EventType, Publishable } from "../platform/live/events";
import { publish } from "../platform/live/publish";
import { topics } from "../platform/live/topics";
import { createLogger } from "../platform/logger";
import type { AssertionResult } from "./actions/types";

const log = createLogger("campaigns");

export type RunOptions = {
  runToken: string;
  /** A RUNNING report whose heartbeat is older than this is taken over (its runner died). */
  staleAfterMs: number;
  /** Heartbeat and cancel check period: a cancel takes effect within this delay. */
  pollMs?: number;
};

export type RunEnd = "COMPLETED" | "FAILED" | "CANCELLED" | "NOT_MINE";
/** A line of a test's log: its code and masked parameters (run-log-types.ts), and its English text. */
export type LogLine = { at: Date; level: string; message: string; code: string; params: unknown };
export type ResultRef = { id: string; position: number; testName: string };
export type ResultEnd = "PASSED" | "FAILED" | "SKIPPED";

const MAX_LOG_LINES_IN_EVENT = 500;
export const CANCELLED_BY_USER = "cancelled by a user";

class Cancelled extends Error {}

/**
 * A report held by one runner: taken by compare-and-swap, kept by a heartbeat, and every write
 * fenced by the run's token inside the statement that makes it (the `lease` row, locked so that a
 * takeover waits for it). A runner that stalled and was taken over writes nothing more: its
 * `signal` aborts and `lost` turns true. Both kinds of campaign (native, Postman) run on it.
 */
export type ReportRun = {
  report: CampaignReport;
  resumed: boolean;
  /** Aborted on a user's cancel or when another runner took the report over. */
  signal: AbortSignal;
  readonly lost: boolean;
  counts: { passed: number; failed: number; skipped: number };
  /** Marks a pending result running; false when this runner lost the report. */
  startResult(result: ResultRef, startedAt: Date): Promise<boolean>;
  /** Adds a result row (a Postman request execution); null when it exists already or the report was lost. */
  addResult(position: number, testName: string, startedAt: Date): Promise<ResultRef | null>;
  /** A result's end in one statement: its logs, status, the report's counts and their events. */
  endResult(
    result: ResultRef,
    status: ResultEnd,
    logs: LogLine[],
    captured: Record<string, string>,
    assertions: AssertionResult[],
    startedAt: Date | null,
  ): Promise<void>;
  /** Closes the report (COMPLETED, FAILED or CANCELLED from the counts) and raises an alert on failure. */
  /** `total`: how many results the run turned out to have, when only the run could know (a Postman run with --folder). */
  finish(options?: { notRun?: number; total?: number }): Promise<RunEnd>;
  /** Closes the report as errored and raises an alert. */
  fail(message: string): Promise<RunEnd>;
  /** Stops the heartbeat. */
  close(): void;
};

export async function openReportRun(db: Db, reportId: string, options: RunOptions): Promise<ReportRun | null> {
  const now = new Date();
  const taken = await db.campaignReport.updateMany({
    where: { id: reportId, OR: [{ status: "PENDING" }, { status: "RUNNING", heartbeatAt: { lt: new Date(now.getTime() - options.staleAfterMs) } }] },
    data: { status: "RUNNING", runToken: options.runToken, heartbeatAt: now },
  });
  if (!taken.count) return null;
  const report = await db.campaignReport.findUniqueOrThrow({ where: { id: reportId }, include: { campaign: { select: { name: true } } } });
  const resumed = report.startedAt !== null;
  if (!resumed) await db.campaignReport.updateMany({ where: { id: reportId, runToken: options.runToken }, data: { startedAt: now } });
  const topic = topics.report(reportId);
  type ReportEvent = EventType<typeof topic>;
  const events = <E extends ReportEvent>(type: E, payload: Omit<EventPayload<typeof topic, E>, "reportId">) =>
    publish(db, topic, type, { reportId, ...payload } as Publishable<EventPayload<typeof topic, E>>);
  const listed = (status: ReportStatus, progress: number) =>
    publish(db, topics.campaigns, "report.updated", { reportId, campaignId: report.campaignId, status, progress });
  await events("campaign_started", { resumed, total: report.total });
  await listed("RUNNING", report.progress);

  const abort = new AbortController();
  let lost = false;
  const loseReport = () => {
    if (lost) return;
    lost = true;
    abort.abort(new Cancelled("another runner took this report over"));
  };
  const poll = setInterval(() => {
    void db.campaignReport
      .updateMany({ where: { id: reportId, runToken: options.runToken }, data: { heartbeatAt: new Date() } })
      .then(async (r) => {
        if (!r.count) return loseReport();
        const row = await db.campaignReport.findUnique({ where: { id: reportId }, select: { cancelRequested: true } });
        if (row?.cancelRequested) abort.abort(new Cancelled(CANCELLED_BY_USER));
      })
      // A missed beat is retried at the next one; a database away for long makes the report stale and resumable.
      .catch((err: Error) => log.warn("report heartbeat not written", { reportId, error: err.message }));
  }, options.pollMs ?? 500);

  const counts = { passed: report.passed, failed: report.failed, skipped: report.skipped };
  let total = report.total;
  const fenced = (written: boolean) => {
    if (!written) loseReport();
    return written;
  };

  const alertOnFailure = async (end: RunEnd, error: string | null) => {
    if (end !== "FAILED") return;
    const name = report.campaign.name;
    await raiseAlert(db, {
      sourceKind: "CAMPAIGN",
      sourceId: report.campaignId,
      ...(error
        ? { type: "campaign_run_error" as const, params: { campaign: name, error } }
        : {
            type: "campaign_run_failed" as const,
            params: { campaign: name, report: report.name, failed: counts.failed, passed: counts.passed, skipped: counts.skipped },
          }),
      code: error ? "campaign_run_error" : "campaign_run_failed",
      severity: "ERROR",
      category: "campaigns",
      measuredValue: counts.failed,
    }).catch((err: Error) => log.error("campaign alert not raised", { reportId, error: err.message }));
  };

  return {
    report,
    resumed,
    signal: abort.signal,
    get lost() {
      return lost;
    },
    counts,

    async startResult(result, startedAt) {
      const started = { reportId, resultId: result.id, position: result.position, name: result.testName };
      const rows = await db.$queryRaw<unknown[]>`
        WITH lease AS (
          SELECT 1 FROM "CampaignReport" WHERE "id" = ${reportId} AND "runToken" = ${options.runToken} FOR UPDATE
        ), result AS (
          UPDATE "TestResult" SET "status" = 'RUNNING', "startedAt" = ${startedAt}
          WHERE "id" = ${result.id} AND "status" IN ('PENDING', 'RUNNING') AND EXISTS (SELECT 1 FROM lease)
          RETURNING "id"
        )
        SELECT vigie_publish(${topic}, 'test_started', ${storableJson(started)}::jsonb, true) FROM result`;
      return fenced(rows.length > 0);
    },

    async addResult(position, testName, startedAt) {
      const rows = await db.$queryRaw<{ id: string | null; leased: boolean }[]>`
        WITH lease AS (
          SELECT 1 FROM "CampaignReport" WHERE "id" = ${reportId} AND "runToken" = ${options.runToken} FOR UPDATE
        ), result AS (
          INSERT INTO "TestResult" ("id", "reportId", "testName", "position", "status", "startedAt")
          SELECT gen_random_uuid()::text, ${reportId}, ${testName}, ${position}, 'RUNNING', ${startedAt} FROM lease
          ON CONFLICT ("reportId", "position") DO NOTHING
          RETURNING "id"
        )
        SELECT (SELECT "id" FROM result) AS id, EXISTS (SELECT 1 FROM lease) AS leased,
               (SELECT vigie_publish(${topic}, 'test_started', jsonb_build_object('reportId', ${reportId}::text, 'resultId', "id", 'position', ${position}::int, 'name', ${testName}::text), true) FROM result)`;
      const row = rows[0]!;
      if (!fenced(row.leased) || !row.id) return null;
      return { id: row.id, position, testName };
    },

    async endResult(result, status, logs, captured, assertions, startedAt) {
      const counted = status === "PASSED" ? "passed" : status === "FAILED" ? "failed" : "skipped";
      const next = { ...counts, [counted]: counts[counted] + 1 };
      const done = next.passed + next.failed + next.skipped;
      // A Postman run may execute more requests than it counted (iterations, setNextRequest).
      const nextTotal = Math.max(total, done);
      const percent = nextTotal ? Math.floor((done * 100) / nextTotal) : 100;
      const finishedAt = new Date();
      const completed = { reportId, resultId: result.id, position: result.position, name: result.testName, status, logs: logs.slice(-MAX_LOG_LINES_IN_EVENT) };
      const asserted = assertions.map((a) => ({
        reportId,
        resultId: result.id,
        position: result.position,
        name: a.name,
        ok: a.ok,
        message: a.message ?? null,
      }));
      const progressed = { reportId, progress: percent, done, total: nextTotal, ...next };
      const listedNow = { reportId, campaignId: report.campaignId, status: "RUNNING", progress: percent };
      const rows = await db.$queryRaw<unknown[]>`
        WITH lease AS (
          SELECT 1 FROM "CampaignReport" WHERE "id" = ${reportId} AND "runToken" = ${options.runToken} FOR UPDATE
        ), result AS (
          UPDATE "TestResult" SET "status" = ${status}::"TestResultStatus", "finishedAt" = ${finishedAt}, "durationMs" = ${startedAt ? finishedAt.getTime() - startedAt.getTime() : null}::int,
            "captured" = ${storableJson(captured)}::jsonb, "assertions" = ${storableJson(assertions)}::jsonb
          WHERE "id" = ${result.id} AND "status" IN ('PENDING', 'RUNNING') AND EXISTS (SELECT 1 FROM lease)
          RETURNING "id"
        ), logs AS (
          INSERT INTO "TestLogLine" ("resultId", "at", "level", "message", "code", "params")
          SELECT result."id", (l->>'at')::timestamptz, l->>'level', l->>'message', l->>'code', l->'params' FROM result, jsonb_array_elements(${storableJson(logs)}::jsonb) AS l
        ), report AS (
          UPDATE "CampaignReport" SET "passed" = ${next.passed}, "failed" = ${next.failed}, "skipped" = ${next.skipped}, "progress" = ${percent}, "total" = ${nextTotal}
          WHERE "id" = ${reportId} AND EXISTS (SELECT 1 FROM result)
        )
        SELECT (SELECT count(vigie_publish(${topic}, 'assertion_completed', a, true)) FROM jsonb_array_elements(${storableJson(asserted)}::jsonb) AS a),
               vigie_publish(${topic}, 'test_completed', ${storableJson(completed)}::jsonb, true),
               vigie_publish(${topic}, 'campaign_progress', ${storableJson(progressed)}::jsonb, true),
               vigie_publish(${topics.campaigns}, 'report.updated', ${storableJson(listedNow)}::jsonb, true)
        FROM result`;
      if (fenced(rows.length > 0)) {
        Object.assign(counts, next);
        total = nextTotal;
      }
    },

    async finish({ notRun = 0, total: actualTotal } = {}) {
      if (lost) return "NOT_MINE";
      const cancelled = abort.signal.aborted && (abort.signal.reason as Error).message === CANCELLED_BY_USER;
      const end: RunEnd = cancelled ? "CANCELLED" : counts.failed > 0 ? "FAILED" : "COMPLETED";
      if (notRun > 0) counts.skipped += notRun;
      const closed = await db.campaignReport.updateMany({
        where: { id: reportId, runToken: options.runToken },
        data: {
          status: end,
          finishedAt: new Date(),
          progress: 100,
          runToken: null,
          skipped: counts.skipped,
          ...(actualTotal === undefined ? {} : { total: actualTotal }),
        },
      });
      if (!closed.count) return "NOT_MINE";
      await events("campaign_completed", { status: end, ...counts });
      await listed(end, 100);
      await alertOnFailure(end, null);
      return end;
    },

    async fail(failure) {
      // What broke may quote a server's answer: stored as it came, minus what PostgreSQL refuses.
      const message = storableText(failure);
      const closed = await db.campaignReport.updateMany({
        where: { id: reportId, runToken: options.runToken },
        data: { status: "FAILED", error: message, finishedAt: new Date(), runToken: null },
      });
      if (!closed.count) return "NOT_MINE";
      await events("campaign_error", { error: message });
      await listed("FAILED", report.progress);
      await alertOnFailure("FAILED", message);
      return "FAILED";
    },

    close() {
      clearInterval(poll);
    },
  };
}
