import { z } from "zod";
import { readingsCsv } from "~/metering/readings-export";
import { db } from "~/server/web-db";
import { refuseApiCall } from "~/server/http/api-auth";
import { parseQuery, streamResponse } from "~/server/http/stream-response";

export const dynamic = "force-dynamic";

const query = z
  .object({ from: z.coerce.date(), to: z.coerce.date(), meter: z.string().max(50).optional() })
  .refine((q) => q.from < q.to, "from must be before to");

/** GET /api/export/readings?from=…&to=…[&meter=…] — raw readings as CSV, streamed. */
export async function GET(req: Request) {
  const refused = await refuseApiCall(req, "read");
  if (refused) return refused;
  const q = parseQuery(req, query);
  if ("response" in q) return q.response;
  return streamResponse(readingsCsv(db, { from: q.data.from, to: q.data.to, meterId: q.data.meter }), {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="readings-${q.data.from.toISOString().slice(0, 10)}-${q.data.to.toISOString().slice(0, 10)}.csv"`,
  });
}
