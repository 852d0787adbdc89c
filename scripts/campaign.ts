/**
 * npm run campaign -- run <campaign> --env <environment> [--bail] [--junit out.xml] [--name NAME]
 * Runs a campaign here and now (for CI pipelines): one line per test, exit code 1 when a test
 * fails, 2 on bad arguments. Campaign and environment by name or id. Uses DATABASE_URL, or the
 * embedded database of this folder.
 * npm run campaign -- run <collection.json> [Newman's options]: a Postman collection file, run as
 * Newman runs it, and recorded as a report when this folder has a database (see lib/run-collection-file.ts).
 * npm run campaign -- import <file.json>: a Postman collection as a campaign, or a Postman
 * environment or globals file as an environment.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { launchReport } from "../src/campaigns/launch";
import { runReport } from "../src/campaigns/runner";
import { createDb } from "../src/platform/db/client";
import { DomainError, notFoundError } from "../src/platform/errors";
import { resolveDatabase } from "./lib/database";
import { importFile } from "./lib/import-file";
import { runCollectionFile } from "./lib/run-collection-file";
import { printReport } from "./lib/print-report";
import { writeReportExport } from "./lib/write-export";

const [command, target] = process.argv.slice(2);
if (command === "run" && target?.toLowerCase().endsWith(".json") && existsSync(target)) process.exit(await runCollectionFile(process.argv.slice(3)));
if (command === "import") process.exit(await importFile(target));

const { values, positionals } = parseArgs({
  options: { env: { type: "string" }, bail: { type: "boolean" }, junit: { type: "string" }, name: { type: "string" } },
  allowPositionals: true,
});
const args = z
  .object({
    command: z.literal("run", "commands: run, import"),
    campaign: z.string("which campaign?").min(1, "which campaign?"),
    env: z.string("--env <environment> is required").min(1, "--env <environment> is required"),
    bail: z.boolean().default(false),
    junit: z.string().optional(),
    name: z.string().optional(),
  })
  .safeParse({ command: positionals[0], campaign: positionals[1], ...values });
if (!args.success) {
  console.error(
    `${args.error.issues.map((i) => i.message).join("\n")}\nUsage: npm run campaign -- run <campaign> --env <environment> [--bail] [--junit out.xml]`,
  );
  process.exit(2);
}
const a = args.data;

const database = await resolveDatabase();
const db = createDb(database.url, { max: 4 });
let exitCode = 0;
try {
  const campaign = await db.campaign.findFirst({ where: { OR: [{ id: a.campaign }, { name: a.campaign }] } });
  const environment = await db.environment.findFirst({ where: { OR: [{ id: a.env }, { name: a.env }] } });
  if (!campaign) throw notFoundError("campaign", `No campaign "${a.campaign}".`);
  if (!environment) throw notFoundError("environment", `No environment "${a.env}".`);
  const report = await launchReport(
    db,
    {
      campaignId: campaign.id,
      environmentId: environment.id,
      name: a.name ?? `CLI ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
      stopOnFailure: a.bail,
    },
    null,
    { queue: false },
  );
  console.log(`${campaign.name} on ${environment.name}: report "${report.name}"`);
  const end = await runReport(db, report.id, { runToken: randomUUID(), staleAfterMs: 60_000 });
  await printReport(db, report.id, end);
  if (a.junit) {
    await writeReportExport(db, report.id, "junit", a.junit);
    console.log(`JUnit report written to ${a.junit}`);
  }
  exitCode = end === "COMPLETED" ? 0 : 1;
} catch (err) {
  console.error(err instanceof DomainError ? err.message : err);
  exitCode = err instanceof DomainError ? 2 : 1;
} finally {
  await db.$disconnect();
  await database.embedded?.stop();
}
process.exit(exitCode);
