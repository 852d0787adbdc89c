import { z } from "zod";
import { listAlerts } from "~/platform/alerts/alerts";
import { db } from "~/server/web-db";
import { refuseApiCall } from "~/server/http/api-auth";
import { parseQuery } from "~/server/http/stream-response";

export const dynamic = "force-dynamic";

const query = z.object({
  severity: z.enum(["INFO", "WARNING", "ERROR", "CRITICAL"]).optional(),
  type: z.string().max(100).optional(),
  acknowledged: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** GET /api/events — events and alerts of every domain, newest first. */
export async function GET(req: Request) {
  const refused = await refuseApiCall(req, "read");
  if (refused) return refused;
  const q = parseQuery(req, query);
  if ("response" in q) return q.response;
  const { items } = await listAlerts(
    db,
    { severity: q.data.severity ? [q.data.severity] : undefined, type: q.data.type, acknowledged: q.data.acknowledged },
    { limit: q.data.limit },
  );
  return Response.json({ count: items.length, events: items });
}
