import type { Db } from "../platform/db/client";
import { xmlText as xml } from "../lib/xml";
import { getReport } from "./reports";

/**
 * A report as JUnit XML (one testcase per test, its log as system-out) or JSON, written test by
 * test. Secrets were masked when the logs and captured values were written, so none is here.
 */
export async function* exportReport(db: Db, id: string, format: "json" | "junit"): AsyncGenerator<string> {
  const report = await getReport(db, id);
  const seconds = (ms: number | null) => ((ms ?? 0) / 1000).toFixed(3);
  const logsOf = (resultId: string) => db.testLogLine.findMany({ where: { resultId }, orderBy: { id: "asc" } });
  if (format === "junit") {
    const time = report.startedAt && report.finishedAt ? report.finishedAt.getTime() - report.startedAt.getTime() : 0;
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(report.campaign.name)}" tests="${report.total}" failures="${report.failed}" skipped="${report.skipped}" time="${seconds(time)}">\n`;
    yield `  <testsuite name="${xml(report.name)}" tests="${report.total}" failures="${report.failed}" skipped="${report.skipped}" time="${seconds(time)}" timestamp="${(report.startedAt ?? report.createdAt).toISOString()}">\n`;
    yield `    <properties><property name="environment" value="${xml(report.environment.name)}"/><property name="status" value="${report.status}"/></properties>\n`;
    for (const r of report.results) {
      const logs = await logsOf(r.id);
      const out = logs.map((l) => `[${l.at.toISOString()}] ${l.level.toUpperCase()} ${l.message}`).join("\n");
      const failures = (r.assertions as { name: string; ok: boolean; message?: string }[]).filter((a) => !a.ok);
      yield `    <testcase classname="${xml(report.campaign.name)}" name="${xml(r.testName)}" time="${seconds(r.durationMs)}">\n`;
      if (r.status === "FAILED")
        yield `      <failure message="${xml(failures.map((f) => f.name).join("; ") || "failed")}">${xml(failures.map((f) => `${f.name}${f.message ? `: ${f.message}` : ""}`).join("\n"))}</failure>\n`;
      if (r.status === "SKIPPED" || r.status === "PENDING") yield `      <skipped/>\n`;
      if (out) yield `      <system-out>${xml(out)}</system-out>\n`;
      yield `    </testcase>\n`;
    }
    yield `  </testsuite>\n</testsuites>\n`;
    return;
  }
  const { results, ...head } = report;
  yield `${JSON.stringify(head).slice(0, -1)},"results":[`;
  for (const [i, r] of results.entries()) {
    const logs = (await logsOf(r.id)).map((l) => ({ at: l.at, level: l.level, message: l.message }));
    yield `${i ? "," : ""}${JSON.stringify({ ...r, logs })}`;
  }
  yield "]}\n";
}
