import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../platform/db/client";
import { isUniqueViolation } from "../platform/db/pg-error";
import { DomainError, notFoundError } from "../platform/errors";
import { enqueueJob } from "../platform/jobs/enqueue";
import { publish } from "../platform/live/publish";
import { topics } from "../platform/live/topics";
import { collectionRequests, postmanCollectionSchema } from "./postman/collection";
import { postmanLaunchOptions, runOptionsFromLaunch } from "./postman/launch-options";
import { iterationsOf, type StoredRunOptions, storedRunOptionsSchema } from "./postman/run-options";
import { nextFreeName } from "./report-naming";

export const launchInput = z.object({
  campaignId: z.string().min(1).max(50),
  environmentId: z.string().max(50).nullish(),
  name: z.string().trim().max(120),
  stopOnFailure: z.boolean().default(false),
  /** Iterations, data file and globals of a Postman run (ignored by a campaign built in Vigie). */
  postman: postmanLaunchOptions.optional(),
});
export type LaunchInput = z.input<typeof launchInput>;

export const RUN_TASK = "campaign_run" as const;
export const runJobKey = (reportId: string) => `campaign_run:${reportId}`;

/**
 * Creates a report (PENDING, one result row per test of a native campaign) and queues its run. The name is made
 * unique as "Mars 2023 (1)", "(2)"…: computed from the names taken, and retried when another
 * launch wins the race for it (the unique index decides). The report, its results (10,000 for a
 * large collection) and its job are one SQL statement: no interactive transaction to time out.
 */
export async function launchReport(db: Db, input: LaunchInput, launchedById: string | null, options: { queue?: boolean; runOptions?: StoredRunOptions } = {}) {
  const { campaignId, environmentId, name, stopOnFailure, postman } = launchInput.parse(input);
  if (!name)
    throw new DomainError("BAD_REQUEST", "report_name_required", "The report needs a name.", { issues: [{ path: ["name"], message: "a name is required" }] });
  if (!environmentId)
    throw new DomainError("BAD_REQUEST", "environment_required", "Choose the environment to run against.", {
      issues: [{ path: ["environmentId"], message: "an environment is required" }],
    });
  const [campaign, environment] = await Promise.all([
    db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, kind: true, collection: true, _count: { select: { tests: true } } } }),
    db.environment.findUnique({ where: { id: environmentId }, select: { id: true } }),
  ]);
  if (!campaign) throw notFoundError("campaign", "No such campaign.");
  if (!environment)
    throw new DomainError("BAD_REQUEST", "unknown_environment", "This environment does not exist.", {
      issues: [{ path: ["environmentId"], message: "unknown environment" }],
    });
  // A Postman run adds a result per request as it goes: its total is the collection's requests.
  const chosen = options.runOptions ?? (postman && campaign.kind === "POSTMAN" ? runOptionsFromLaunch(postman) : undefined);
  const runOptions = chosen ? storedRunOptionsSchema.parse(chosen) : null;
  const requests = campaign.kind === "POSTMAN" ? collectionRequests(postmanCollectionSchema.parse(campaign.collection)).length * iterationsOf(runOptions) : 0;
  if (!campaign._count.tests && !requests) throw new DomainError("PRECONDITION_FAILED", "campaign_empty", "This campaign has no test to run: add one first.");

  // The CLI runs the report itself, in its own process.
  const queue = options.queue !== false;
  for (let attempt = 0; attempt < 20; attempt++) {
    const taken = await db.campaignReport.findMany({ where: { name: { startsWith: name } }, select: { name: true } });
    const unique = nextFreeName(name, new Set(taken.map((t) => t.name)));
    const id = randomUUID();
    try {
      await db.$executeRaw`
        WITH tests AS (
          SELECT "id", "name", (row_number() OVER (ORDER BY "position", "id") - 1)::int AS position FROM "CampaignTest" WHERE "campaignId" = ${campaignId}
        ), report AS (
          INSERT INTO "CampaignReport" ("id", "name", "campaignId", "environmentId", "stopOnFailure", "runOptions", "total", "launchedById")
          SELECT ${id}, ${unique}, ${campaignId}, ${environmentId}, ${stopOnFailure}, ${runOptions === null ? null : JSON.stringify(runOptions)}::jsonb,
            GREATEST(count(*), ${requests}::int), ${launchedById} FROM tests
          RETURNING "id"
        ), results AS (
          INSERT INTO "TestResult" ("id", "reportId", "testId", "testName", "position")
          SELECT gen_random_uuid()::text, report."id", tests."id", tests."name", tests.position FROM report, tests
        )
        SELECT (graphile_worker.add_job(${RUN_TASK}, json_build_object('reportId', report."id"), job_key => ${runJobKey(id)}, max_attempts => 1)).id
        FROM report WHERE ${queue}`;
      const report = await db.campaignReport.findUniqueOrThrow({ where: { id } });
      await publish(db, topics.campaigns, "report.updated", { reportId: report.id, campaignId, status: "PENDING", progress: 0 });
      return report;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new DomainError("CONFLICT", "report_name_exhausted", `Could not find a free report name after "${name}".`, { params: { name } });
}

/** Asks a run to stop at its next action boundary; a report not started yet is cancelled at once. */
export async function cancelReport(db: Db, reportId: string) {
  const report = await db.campaignReport.findUnique({ where: { id: reportId } });
  if (!report) throw notFoundError("report", "No such report.");
  if (report.status === "PENDING") {
    await db.$transaction([
      db.campaignReport.update({ where: { id: reportId }, data: { status: "CANCELLED", cancelRequested: true, finishedAt: new Date() } }),
      db.testResult.updateMany({ where: { reportId, status: "PENDING" }, data: { status: "SKIPPED" } }),
      db.$executeRaw`SELECT graphile_worker.remove_job(${runJobKey(reportId)})`,
    ]);
    await publish(db, topics.report(reportId), "campaign_completed", { reportId, status: "CANCELLED" });
    await publish(db, topics.campaigns, "report.updated", { reportId, campaignId: report.campaignId, status: "CANCELLED", progress: report.progress });
    return;
  }
  if (report.status !== "RUNNING") throw new DomainError("PRECONDITION_FAILED", "report_finished", "This report has already finished.");
  await db.campaignReport.update({ where: { id: reportId }, data: { cancelRequested: true } });
}

/** Runs whose runner stopped (no heartbeat for `staleAfterMs`) are queued again, to resume. */
export async function recoverStaleRuns(db: Db, staleAfterMs: number, now = new Date()): Promise<string[]> {
  const stale = await db.campaignReport.findMany({
    where: { status: "RUNNING", heartbeatAt: { lt: new Date(now.getTime() - staleAfterMs) } },
    select: { id: true },
  });
  for (const { id } of stale) await enqueueJob(db, RUN_TASK, { reportId: id }, { jobKey: `campaign_resume:${id}`, maxAttempts: 1 });
  return stale.map((s) => s.id);
}
