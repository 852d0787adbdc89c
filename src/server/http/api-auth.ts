import { hasRole } from "../../lib/roles";
import { apiTokenScope } from "../api-tokens";
import { db } from "../db";
import { getCurrentUser } from "../session";

/**
 * Who may call the REST API: a session (any role reads; ADMIN writes) or an admin-issued token
 * ("Authorization: Bearer vgt_…", READ or WRITE scope). Returns null when allowed, else the answer.
 */
export async function refuseApiCall(req: Request, need: "read" | "write"): Promise<Response | null> {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    const scope = await apiTokenScope(db, bearer);
    if (!scope) return Response.json({ error: "invalid or revoked token" }, { status: 401 });
    if (need === "write" && scope !== "WRITE") return Response.json({ error: "this token may only read" }, { status: 403 });
    return null;
  }
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "sign in or send an API token" }, { status: 401 });
  if (need === "write" && !hasRole(user.role, "ADMIN")) return Response.json({ error: "writing needs the ADMIN role" }, { status: 403 });
  return null;
}
