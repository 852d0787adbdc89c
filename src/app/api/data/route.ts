import { z } from "zod";
import { csvRow } from "~/lib/csv";
import { recentReadings } from "~/metering/readings-export";
import { db } from "~/server/web-db";
import { refuseApiCall } from "~/server/http/api-auth";
import { parseQuery } from "~/server/http/stream-response";

export const dynamic = "force-dynamic";

const query = z.object({
  hours: z.coerce.number().positive().max(8760).default(24),
  limit: z.coerce.number().int().min(1).max(100_000).default(1000),
  format: z.enum(["json", "csv"]).default("json"),
  meter: z.string().max(50).optional(),
});

/** GET /api/data — readings of the last `hours` (newest first, at most `limit`), JSON or CSV. */
export async function GET(req: Request) {
  const refused = await refuseApiCall(req, "read");
  if (refused) return refused;
  const q = parseQuery(req, query);
  if ("response" in q) return q.response;
  const rows = await recentReadings(db, { hours: q.data.hours, limit: q.data.limit, meterId: q.data.meter });
  if (q.data.format === "json") return Response.json({ count: rows.length, readings: rows });
  const columns = Object.keys(rows[0] ?? { meterId: 0, at: 0 });
  const csv = [csvRow(columns), ...rows.map((r) => csvRow(columns.map((c) => (r as Record<string, unknown>)[c])))].join("\n");
  return new Response(`${csv}\n`, { headers: { "content-type": "text/csv; charset=utf-8" } });
}
