import { createWriteStream } from "node:fs";
import { exportReport } from "../../src/campaigns/exports";
import type { Db } from "../../src/platform/db/client";

/** Streams a report's JUnit or JSON export to a file. */
export async function writeReportExport(db: Db, reportId: string, format: "junit" | "json", path: string): Promise<void> {
  const out = createWriteStream(path);
  for await (const chunk of exportReport(db, reportId, format)) out.write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
