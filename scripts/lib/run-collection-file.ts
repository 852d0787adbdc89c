/**
 * `npm run campaign -- run <collection.json> [options]`: a Postman collection file run here and
 * now, with Newman's options and meaning. Exit 0 when every assertion passed, 1 otherwise, 2 on
 * bad arguments. With a database (DATABASE_URL, or the folder's embedded one that `npm start`
 * created) the run is also recorded as a report of the collection's campaign, followed live in
 * the UI; --no-record runs it without.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { collectionJunit } from "../../src/campaigns/postman/junit";
import { type PostmanVariables, runPostmanCollection } from "../../src/campaigns/postman/run-collection";
import { parseCsv } from "../../src/lib/csv";
import { recordCollectionRun } from "../../src/campaigns/record-collection-run";
import type { RecordedRunOptions } from "../../src/campaigns/postman/run-options";
import { createDb } from "../../src/platform/db/client";
import { DomainError } from "../../src/platform/errors";
import { existingDatabase, type ResolvedDatabase } from "./database";
import { printReport } from "./print-report";
import { writeReportExport } from "./write-export";

export const collectionUsage =
  "Usage: npm run campaign -- run <collection.json> [-e env.json] [-g globals.json] [-d data.json|data.csv] [-n iterations] [--folder NAME]… [--env-var key=value]… [--bail] [-k|--insecure] [--timeout ms] [--timeout-request ms] [--timeout-script ms] [--ignore-redirects] [--working-dir DIR] [--junit out.xml] [--json out.json] [--no-record]";

const optionsSchema = z.object({
  collection: z.string().min(1),
  environment: z.string().optional(),
  globals: z.string().optional(),
  "iteration-data": z.string().optional(),
  "iteration-count": z.coerce.number().int().positive("-n: a number of iterations above 0").optional(),
  folder: z.array(z.string().min(1)).optional(),
  "env-var": z.array(z.string().regex(/^[^=]+=/, "--env-var takes key=value")).optional(),
  bail: z.boolean().default(false),
  insecure: z.boolean().default(false),
  "timeout-request": z.coerce.number().int().nonnegative("--timeout-request: milliseconds").optional(),
  timeout: z.coerce.number().int().nonnegative("--timeout: milliseconds").optional(),
  "timeout-script": z.coerce.number().int().nonnegative("--timeout-script: milliseconds").optional(),
  "ignore-redirects": z.boolean().default(false),
  "working-dir": z.string().min(1).optional(),
  junit: z.string().optional(),
  json: z.string().optional(),
  "no-record": z.boolean().default(false),
});

class BadArguments extends Error {}

async function readJson(path: string, what: string): Promise<unknown> {
  const text = await readFile(path, "utf8").catch((err: Error) => {
    throw new BadArguments(`cannot read the ${what} ${path}: ${err.message}`);
  });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BadArguments(`the ${what} ${path} is not JSON: ${(err as Error).message}`);
  }
}

async function readIterationData(path: string): Promise<Record<string, unknown>[]> {
  if (path.toLowerCase().endsWith(".csv")) return parseCsv(await readFile(path, "utf8"));
  const data = await readJson(path, "data file");
  if (!Array.isArray(data)) throw new BadArguments(`the data file ${path} must hold a JSON array of objects`);
  return data as Record<string, unknown>[];
}

/** Parses the arguments after `run`, runs the collection, prints what failed; returns the exit code. */
export async function runCollectionFile(argv: string[]): Promise<number> {
  let parsed: z.infer<typeof optionsSchema>;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        environment: { type: "string", short: "e" },
        globals: { type: "string", short: "g" },
        "iteration-data": { type: "string", short: "d" },
        "iteration-count": { type: "string", short: "n" },
        folder: { type: "string", multiple: true },
        "env-var": { type: "string", multiple: true },
        bail: { type: "boolean" },
        insecure: { type: "boolean", short: "k" },
        "timeout-request": { type: "string" },
        timeout: { type: "string" },
        "timeout-script": { type: "string" },
        "ignore-redirects": { type: "boolean" },
        "working-dir": { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        "no-record": { type: "boolean" },
      },
    });
    const checked = optionsSchema.safeParse({ ...values, collection: positionals[0] });
    if (!checked.success) throw new BadArguments(checked.error.issues.map((i) => i.message).join("\n"));
    parsed = checked.data;
  } catch (err) {
    console.error(`${(err as Error).message}\n${collectionUsage}`);
    return 2;
  }

  try {
    const definition = await readJson(parsed.collection, "collection");
    const environment = parsed.environment ? await readJson(parsed.environment, "environment") : undefined;
    const options: RecordedRunOptions = {
      globals: parsed.globals ? ((await readJson(parsed.globals, "globals file")) as PostmanVariables) : undefined,
      iterationData: parsed["iteration-data"] ? await readIterationData(parsed["iteration-data"]) : undefined,
      iterationCount: parsed["iteration-count"],
      folders: parsed.folder,
      envVars: Object.fromEntries((parsed["env-var"] ?? []).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)])),
      insecure: parsed.insecure,
      timeoutRequestMs: parsed["timeout-request"],
      timeoutMs: parsed.timeout,
      timeoutScriptMs: parsed["timeout-script"],
      ignoreRedirects: parsed["ignore-redirects"],
      // As Newman: uploaded files are read from the current directory unless told otherwise.
      workingDir: resolve(parsed["working-dir"] ?? process.cwd()),
    };
    const database = parsed["no-record"] ? null : await existingDatabase();
    if (database) return await recordedRun(database, definition, environment, options, parsed);
    const summary = await runPostmanCollection(definition, { ...options, environment: environment as PostmanVariables, bail: parsed.bail });
    for (const e of summary.executions) {
      if (!e.method) continue;
      console.log(`${e.error ? "✗" : "→"} ${[...e.folders, e.item].join(" / ")}  ${e.method} ${e.url}  ${e.error ?? `${e.status} (${e.responseTimeMs} ms)`}`);
      for (const a of e.assertions) console.log(`    ${a.skipped ? "↷" : a.passed ? "✓" : "✗"} ${a.name}`);
    }
    const { stats, failures } = summary;
    console.log(
      `\n${summary.collection}: ${stats.iterations} iteration(s), ${stats.requests} request(s), ${stats.assertions} assertion(s), ${stats.failedAssertions} failed; ${failures.length} failure(s)`,
    );
    for (const [i, f] of failures.entries()) console.log(`  ${i + 1}. [${f.kind}] ${f.source} (iteration ${f.iteration + 1}): ${f.message}`);
    if (parsed.junit) await writeFile(parsed.junit, collectionJunit(summary));
    if (parsed.json) await writeFile(parsed.json, `${JSON.stringify(summary, null, 2)}\n`);
    return failures.length ? 1 : 0;
  } catch (err) {
    console.error((err as Error).message);
    // A file refused as a collection is a bad argument, as with a database.
    return err instanceof BadArguments || err instanceof DomainError ? 2 : 1;
  }
}

/** The same run recorded as a report (see recordCollectionRun): one line per request with what failed, from the report. */
async function recordedRun(
  database: ResolvedDatabase,
  collection: unknown,
  environment: unknown,
  options: RecordedRunOptions,
  parsed: z.infer<typeof optionsSchema>,
): Promise<number> {
  const db = createDb(database.url, { max: 4 });
  try {
    const recorded = await recordCollectionRun(db, {
      collection,
      environment: environment === undefined ? undefined : { json: environment, fileName: basename(parsed.environment!) },
      options,
      bail: parsed.bail,
      name: `CLI ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
    });
    console.log(`${recorded.campaign.name}: recorded as the report "${recorded.reportName}"`);
    await printReport(db, recorded.reportId, recorded.end);
    if (parsed.junit) await writeReportExport(db, recorded.reportId, "junit", parsed.junit);
    if (parsed.json) await writeReportExport(db, recorded.reportId, "json", parsed.json);
    return recorded.end === "COMPLETED" ? 0 : 1;
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    await db.$disconnect();
    await database.embedded?.stop();
  }
}
