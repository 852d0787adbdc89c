import type { Db } from "../platform/db/client";
import { xmlText as xml } from "../lib/xml";
import { getReport } from "./reports";

type StoredAssertion = { name: string; ok: boolean; message?: string };
type Testcase = { name: string; outcome: "passed" | "failure" | "error" | "skipped"; message: string };

/**
 * A result's JUnit testcases, as Newman's reporter lays them out: one per assertion, named
 * "request / assertion"; a result without assertions is one testcase named after it (an error
 * when it failed: its request or script went wrong).
 */
function testcasesOf(item: string, status: string, assertions: StoredAssertion[]): Testcase[] {
  const cases: Testcase[] = assertions.map((a) => ({
    name: `${item} / ${a.name}`,
    outcome: a.message === "skipped" ? "skipped" : a.ok ? "passed" : "failure",
    message: a.message ?? "",
  }));
  const failed = status === "FAILED";
  if (failed && !cases.some((c) => c.outcome === "failure"))
    cases.push({ name: item, outcome: "error", message: "the request or a script failed: see the log" });
  if (!cases.length) cases.push({ name: item, outcome: status === "PASSED" ? "passed" : "skipped", message: "" });
  return cases;
}

/**
 * A report as JUnit XML or JSON, written test by test. JUnit: one testcase per assertion (named
 * "request / assertion", its class the request's folder, or the campaign at the top), the test's
 * log as system-out. Secrets were masked when the logs and results were written, so none is here.
 */
export async function* exportReport(db: Db, id: string, format: "json" | "junit"): AsyncGenerator<string> {
  const report = await getReport(db, id);
  const seconds = (ms: number | null) => ((ms ?? 0) / 1000).toFixed(3);
  const logsOf = (resultId: string) => db.testLogLine.findMany({ where: { resultId }, orderBy: { id: "asc" } });
  if (format === "junit") {
    const time = report.startedAt && report.finishedAt ? report.finishedAt.getTime() - report.startedAt.getTime() : 0;
    const suites = report.results.map((r) => {
      // A Postman result is named "Folder / Sub-folder / Request".
      const path = report.campaign.kind === "POSTMAN" ? r.testName.split(" / ") : [r.testName];
      const item = path.pop()!;
      return { result: r, classname: path.join(" / ") || report.campaign.name, cases: testcasesOf(item, r.status, r.assertions as StoredAssertion[]) };
    });
    const all = suites.flatMap((s) => s.cases);
    const count = (outcome: Testcase["outcome"]) => all.filter((c) => c.outcome === outcome).length;
    const counts = `tests="${all.length}" failures="${count("failure")}" errors="${count("error")}" skipped="${count("skipped")}" time="${seconds(time)}"`;
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(report.campaign.name)}" ${counts}>\n`;
    yield `  <testsuite name="${xml(report.name)}" ${counts} timestamp="${(report.startedAt ?? report.createdAt).toISOString()}">\n`;
    yield `    <properties><property name="environment" value="${xml(report.environment.name)}"/><property name="status" value="${report.status}"/></properties>\n`;
    for (const { result, classname, cases } of suites) {
      const logs = await logsOf(result.id);
      const out = logs.map((l) => `[${l.at.toISOString()}] ${l.level.toUpperCase()} ${l.message}`).join("\n");
      for (const [i, c] of cases.entries()) {
        yield `    <testcase classname="${xml(classname)}" name="${xml(c.name)}" time="${seconds(i === 0 ? result.durationMs : 0)}">\n`;
        if (c.outcome === "failure") yield `      <failure type="AssertionFailure" message="${xml(c.message || "failed")}">${xml(c.message)}</failure>\n`;
        if (c.outcome === "error") yield `      <error message="${xml(c.message)}"/>\n`;
        if (c.outcome === "skipped") yield `      <skipped/>\n`;
        if (out && i === cases.length - 1) yield `      <system-out>${xml(out)}</system-out>\n`;
        yield `    </testcase>\n`;
      }
    }
    yield `  </testsuite>\n</testsuites>\n`;
    return;
  }
  const { results, ...head } = report;
  yield `${JSON.stringify(head).slice(0, -1)},"results":[`;
  for (const [i, r] of results.entries()) {
    // The code and facts let a client write each line in its own language, as the report page does.
    const logs = (await logsOf(r.id)).map((l) => ({ at: l.at, level: l.level, message: l.message, ...(l.code ? { code: l.code, params: l.params } : {}) }));
    yield `${i ? "," : ""}${JSON.stringify({ ...r, logs })}`;
  }
  yield "]}\n";
}
