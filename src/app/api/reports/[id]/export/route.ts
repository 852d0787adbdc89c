import { exportReport } from "~/campaigns/exports";
import { db } from "~/server/web-db";
import { streamResponse } from "~/server/http/stream-response";
import { refuseApiCall } from "~/server/http/api-auth";

export const dynamic = "force-dynamic";

/** GET /api/reports/<id>/export?format=junit|json — streamed, secrets masked; a session or an API token (CI pipelines). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseApiCall(req, "read");
  if (refused) return refused;
  const { id } = await params;
  const format = new URL(req.url).searchParams.get("format") === "junit" ? "junit" : "json";
  const report = await db.campaignReport.findUnique({ where: { id }, select: { name: true } });
  if (!report) return Response.json({ error: "no such report" }, { status: 404 });
  const filename = `${report.name.replace(/[^\w() -]/g, "_")}.${format === "junit" ? "xml" : "json"}`;
  return streamResponse(exportReport(db, id, format), {
    "content-type": format === "junit" ? "application/xml; charset=utf-8" : "application/json; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`${report.name}.${format === "junit" ? "xml" : "json"}`)}`,
  });
}
