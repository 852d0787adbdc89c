import { z } from "zod";
import { energyStats } from "~/metering/readings-export";
import { energySettings } from "~/metering/settings";
import { db } from "~/server/web-db";
import { refuseApiCall } from "~/server/http/api-auth";
import { parseQuery } from "~/server/http/stream-response";
import { getSetting } from "~/platform/settings/settings";

export const dynamic = "force-dynamic";

/** GET /api/stats — last-24-hour power and today's energy (all meters, or `meter`). */
export async function GET(req: Request) {
  const refused = await refuseApiCall(req, "read");
  if (refused) return refused;
  const q = parseQuery(req, z.object({ meter: z.string().max(50).optional() }));
  if ("response" in q) return q.response;
  const [meters, unacknowledged] = await Promise.all([db.meter.count({ where: { enabled: true } }), db.alert.count({ where: { acknowledgedAt: null } })]);
  return Response.json({
    meters,
    unacknowledgedEvents: unacknowledged,
    ...(await energyStats(db, { timezone: await getSetting(db, energySettings.timezone), meterId: q.data.meter })),
  });
}
