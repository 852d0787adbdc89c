import { randomUUID } from "node:crypto";
import type { Db } from "../platform/db/client";
import { saveEnvironment } from "./editors";
import { importOrUpdatePostmanCollection, importOrUpdatePostmanEnvironment } from "./import";
import { launchReport } from "./launch";
import { type RecordedRunOptions, sealRunOptions } from "./postman/run-options";
import { runReport } from "./runner";

/** Where a command-line run without an environment file is recorded. */
export const CLI_ENVIRONMENT = "CLI";

async function cliEnvironment(db: Db): Promise<string> {
  const found = await db.environment.findUnique({ where: { name: CLI_ENVIRONMENT }, select: { id: true } });
  if (found) return found.id;
  return (await saveEnvironment(db, null, { name: CLI_ENVIRONMENT, description: "Command-line runs without an environment file", variables: [] })).id;
}

/**
 * A Postman collection file run from the command line, recorded as a report of its campaign
 * (imported, or updated to the file) and run here, in this process, with every Newman option
 * kept on the report: the UI follows it live like any other run, and a worker resumes it the
 * same way if this process dies.
 */
export async function recordCollectionRun(
  db: Db,
  input: { collection: unknown; environment?: { json: unknown; fileName: string }; options: RecordedRunOptions; bail: boolean; name: string },
) {
  const campaign = await importOrUpdatePostmanCollection(db, input.collection);
  const environmentId = input.environment
    ? (await importOrUpdatePostmanEnvironment(db, input.environment.json, input.environment.fileName)).environmentId
    : await cliEnvironment(db);
  const report = await launchReport(db, { campaignId: campaign.campaignId, environmentId, name: input.name, stopOnFailure: input.bail }, null, {
    queue: false,
    runOptions: sealRunOptions(input.options),
  });
  const end = await runReport(db, report.id, { runToken: randomUUID(), staleAfterMs: 60_000 });
  return { campaign, reportId: report.id, reportName: report.name, end };
}
