import { currentReadings } from "~/metering/readings-export";
import { db } from "~/server/web-db";
import { refuseApiCall } from "~/server/http/api-auth";

export const dynamic = "force-dynamic";

/** GET /api/data/current — the latest reading of every meter. */
export async function GET(req: Request) {
  const refused = await refuseApiCall(req, "read");
  if (refused) return refused;
  return Response.json({ meters: await currentReadings(db) });
}
