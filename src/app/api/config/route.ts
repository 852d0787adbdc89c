import { z } from "zod";
import { findUnsafeText, unsafeTextMessage } from "~/lib/unsafe-text";
import { db } from "~/server/web-db";
import { authorizeApiCall, refuseApiCall } from "~/server/http/api-auth";
import { errorResponse } from "~/server/http/error-response";
import { checkAppSettings, listAppSettings, updateAppSetting } from "~/composition/settings-catalog";

export const dynamic = "force-dynamic";

/** GET /api/config — every setting with its type, value and default. */
export async function GET(req: Request) {
  const refused = await refuseApiCall(req, "read");
  if (refused) return refused;
  return Response.json({ settings: await listAppSettings(db) });
}

const body = z.record(z.string().max(200), z.unknown()).refine((o) => Object.keys(o).length > 0, "send at least one setting");

/** POST /api/config — {"key": value, …}: every value is checked against its setting before any is stored; who changed it is kept. */
export async function POST(req: Request) {
  const auth = await authorizeApiCall(req, "write");
  if ("response" in auth) return auth.response;
  const parsed = body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "expected a JSON object of settings", issues: parsed.error.issues }, { status: 400 });
  const unsafe = findUnsafeText(parsed.data);
  if (unsafe) return Response.json({ error: unsafeTextMessage(unsafe) }, { status: 400 });
  try {
    checkAppSettings(parsed.data);
    for (const [key, value] of Object.entries(parsed.data)) await updateAppSetting(db, key, value, auth.actorId);
    return Response.json({ settings: await listAppSettings(db) });
  } catch (err) {
    return errorResponse(err);
  }
}
