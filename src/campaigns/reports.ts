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

/** The latest reports of every campaign, newest first (the home page's "last runs"). */
export function recentReports(db: Db, limit: number) {
  return db.campaignReport.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      name: true,
      status: true,
      passed: true,
      failed: true,
      skipped: true,
      total: true,
      createdAt: true,
      campaign: { select: { name: true } },
    },
  });
}

/** A report with its results (logs come per result: a long campaign's logs are never loaded at once). */
export async function getReport(db: Db, id: string) {
  const report = await db.campaignReport.findUnique({
    where: { id },
    include: {
      campaign: { select: { id: true, name: true, kind: true } },
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
