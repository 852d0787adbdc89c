import type { Db } from "../db/client";
import type { Role } from "../../lib/roles";
import { decoyPasswordHash, verifyPassword } from "./password";
import { clearAccountThrottle, recordFailedLogin, retryAfterSeconds } from "./login-throttle";

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

export type AuthenticationResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Checks an e-mail and password, honouring the login throttle. Disabled accounts are refused
 * exactly like a wrong password. */
export async function authenticate(db: Db, input: { email: string; password: string; ip: string | null }): Promise<AuthenticationResult> {
  const email = input.email.trim().toLowerCase();
  const keys = { account: email, ip: input.ip };
  const wait = await retryAfterSeconds(db, keys);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !valid || user.disabled) {
    await recordFailedLogin(db, keys);
    return { ok: false, reason: "invalid" };
  }
  await clearAccountThrottle(db, email);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}
