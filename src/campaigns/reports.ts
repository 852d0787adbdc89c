import type { Db } from "../platform/db/client";
import { notFoundError } from "../platform/errors";

export function listReports(db: Db, campaignId: string, limit: number) {
  return db.campaignReport.findMany({
    where: { campaignId },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { environment: { select: { name: true } }, launchedBy: { select: { name: true, email: true } } },
  });
}

/** A report with its results (logs come per result: a long campaign's logs are never loaded at once). */
export async function getReport(db: Db, id: string) {
  const report = await db.campaignReport.findUnique({
    where: { id },
    include: {
      campaign: { select: { id: true, name: true } },
      environment: { select: { name: true } },
      launchedBy: { select: { name: true, email: true } },
      results: { orderBy: { position: "asc" } },
    },
  });
  if (!report) throw notFoundError("report", "No such report.");
  return report;
}

export function resultLogs(db: Db, resultId: string, limit = 2_000) {
  return db.testLogLine.findMany({ where: { resultId }, orderBy: { id: "asc" }, take: limit });
}
