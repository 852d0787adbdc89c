import { z } from "zod";
import { findUnsafeText, unsafeTextMessage } from "~/lib/unsafe-text";
import { db } from "~/server/web-db";
import { authorizeApiCall, refuseApiCall } from "~/server/http/api-auth";
import { errorResponse } from "~/server/http/error-response";
import { listAppSettings, updateAppSettings } from "~/composition/settings-catalog";

export const dynamic = "force-dynamic";

/** GET /api/config — every setting with its type, value and default. */
export async function GET(req: Request) {
  const refused = await refuseApiCall(req, "read");
  if (refused) return refused;
  return Response.json({ settings: await listAppSettings(db) });
}

const body = z.record(z.string().max(200), z.unknown()).refine((o) => Object.keys(o).length > 0, "send at least one setting");

/** POST /api/config — {"key": value, …}: stored all or none, each checked against its setting first; who changed it is kept. */
export async function POST(req: Request) {
  const auth = await authorizeApiCall(req, "write");
  if ("response" in auth) return auth.response;
  const parsed = body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "expected a JSON object of settings", issues: parsed.error.issues }, { status: 400 });
  const unsafe = findUnsafeText(parsed.data);
  if (unsafe) return Response.json({ error: unsafeTextMessage(unsafe) }, { status: 400 });
  try {
    await updateAppSettings(db, parsed.data, auth.actorId);
    return Response.json({ settings: await listAppSettings(db) });
  } catch (err) {
    return errorResponse(err);
  }
}
