import { hasRole } from "../../lib/roles";
import { apiTokenHolder } from "../../platform/api-tokens";
import { db } from "../web-db";
import { getCurrentUser } from "../session";

const refuse = (status: number, error: string) => ({ response: Response.json({ error }, { status }) });

/**
 * A cookie rides along with any request the browser sends, whoever made the page that sends it:
 * a change made with one must come from Vigie's own pages (Sec-Fetch-Site, else Origin) and be
 * JSON, which a plain HTML form cannot send.
 */
function refuseCrossSite(req: Request): { response: Response } | null {
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const sameOrigin = site ? site === "same-origin" || site === "none" : !origin || new URL(origin).host === host;
  if (!sameOrigin) return refuse(403, "cross-site request refused: changes with a session come from Vigie's own pages");
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) return refuse(415, "send JSON (Content-Type: application/json)");
  return null;
}

/**
 * Who may call the REST API: a session (any role reads; ADMIN writes) or an admin-issued token
 * ("Authorization: Bearer vgt_…", READ or WRITE scope). Returns who acts (the user, or the
 * administrator who issued the token) or the answer refusing the call.
 */
export async function authorizeApiCall(req: Request, need: "read" | "write"): Promise<{ actorId: string | null } | { response: Response }> {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    const holder = await apiTokenHolder(db, bearer);
    if (!holder) return refuse(401, "invalid or revoked token");
    if (need === "write" && holder.scope !== "WRITE") return refuse(403, "this token may only read");
    return { actorId: holder.issuedById };
  }
  const user = await getCurrentUser();
  if (!user) return refuse(401, "sign in or send an API token");
  if (need === "write") {
    if (!hasRole(user.role, "ADMIN")) return refuse(403, "writing needs the ADMIN role");
    const crossSite = refuseCrossSite(req);
    if (crossSite) return crossSite;
  }
  return { actorId: user.id };
}

/** authorizeApiCall for routes that only need to know whether to go on: null when allowed. */
export async function refuseApiCall(req: Request, need: "read" | "write"): Promise<Response | null> {
  const auth = await authorizeApiCall(req, need);
  return "response" in auth ? auth.response : null;
}
