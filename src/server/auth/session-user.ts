import type { Session } from "next-auth";
import type { Db } from "../../platform/db/client";
import type { Role } from "../../lib/roles";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, re-read from the database: a disabled account, a session issued before a
 * password reset or role change (older sessionVersion), or a session signed out (revoked, though
 * its cookie is still signed) counts as signed out.
 */
export async function resolveSessionUser(db: Db, session: Session | null): Promise<SessionUser | null> {
  const claimed = session?.user;
  if (!claimed?.id || !claimed.sessionId) return null;
  const [user, revoked] = await Promise.all([
    db.user.findUnique({ where: { id: claimed.id }, select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true } }),
    db.revokedSession.findUnique({ where: { sessionId: claimed.sessionId }, select: { sessionId: true } }),
  ]);
  if (!user || user.disabled || revoked || user.sessionVersion !== claimed.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Ends one session for good: its cookie is refused from now on, whoever holds a copy. */
export async function revokeSession(db: Db, session: Session | null, maxAgeSeconds: number): Promise<void> {
  const sessionId = session?.user?.sessionId;
  if (!sessionId) return;
  const now = new Date();
  await db.revokedSession.upsert({ where: { sessionId }, create: { sessionId, expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000) }, update: {} });
  // Rows past the cookie's own lifetime serve no purpose.
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}
