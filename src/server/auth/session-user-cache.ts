import type { Session } from "next-auth";
import type { Db } from "../../platform/db/client";
import { resolveSessionUser, type SessionUser } from "./session-user";

/**
 * resolveSessionUser with a few seconds of memory, for live-stream connections: a browser (or a
 * reconnect storm after a restart) opening many streams costs one database read per user, not
 * one per stream. A disabled account or a password reset still ends sessions within `ttlMs`.
 */
export function cachedSessionUserResolver(db: Db, ttlMs = 10_000, maxEntries = 10_000) {
  const cache = new Map<string, { at: number; user: Promise<SessionUser | null> }>();
  return (session: Session | null): Promise<SessionUser | null> => {
    if (!session?.user?.id) return Promise.resolve(null);
    const key = `${session.user.id}:${session.user.sessionVersion}:${session.user.sessionId}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < ttlMs) return hit.user;
    const user = resolveSessionUser(db, session);
    cache.set(key, { at: now, user });
    user.catch(() => cache.delete(key));
    if (cache.size > maxEntries) {
      for (const [k, v] of cache) if (now - v.at >= ttlMs) cache.delete(k);
    }
    return user;
  };
}
