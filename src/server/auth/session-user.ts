import type { Session } from "next-auth";
import type { Db } from "../db/client";
import type { Role } from "../../lib/roles";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, re-read from the database: a disabled account, or a session issued before a
 * password reset or role change (older sessionVersion), counts as signed out.
 */
export async function resolveSessionUser(db: Db, session: Session | null): Promise<SessionUser | null> {
  const claimed = session?.user;
  if (!claimed?.id) return null;
  const user = await db.user.findUnique({
    where: { id: claimed.id },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== claimed.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
