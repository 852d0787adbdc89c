import type { RunEnd } from "../../src/campaigns/runner";
import type { Db } from "../../src/platform/db/client";

const resultSymbols = { PASSED: "✓", FAILED: "✗", SKIPPED: "↷", PENDING: "·", RUNNING: "…" } as const;

/** A finished report on the terminal: one line per result with the errors it logged, then the counts. */
export async function printReport(db: Db, reportId: string, end: RunEnd): Promise<void> {
  const results = await db.testResult.findMany({
    where: { reportId },
    orderBy: { position: "asc" },
    include: { logs: { where: { level: "error" }, orderBy: { id: "asc" } } },
  });
  for (const r of results) {
    console.log(`${resultSymbols[r.status]} ${r.testName}${r.durationMs !== null ? ` (${r.durationMs} ms)` : ""}`);
    for (const line of r.logs) console.log(`    ${line.message}`);
  }
  const report = await db.campaignReport.findUniqueOrThrow({ where: { id: reportId } });
  console.log(`\n${end}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
}
