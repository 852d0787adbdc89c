import type { Db } from "../db/client";

/**
 * Repeated failed logins are slowed down per account and per client IP: past a free allowance,
 * each further failure locks the key for twice as long as the previous one (capped), and a key
 * forgets its failures after a quiet window. Counters live in PostgreSQL so every web instance
 * shares them.
 */
export const throttlePolicy = {
  account: { freeFailures: 5 },
  ip: { freeFailures: 20 },
  maxLockSeconds: 15 * 60,
  forgetAfterSeconds: 15 * 60,
} as const;

export type ThrottleKeys = { account: string; ip: string | null };

function keysOf(k: ThrottleKeys): { key: string; free: number }[] {
  const out: { key: string; free: number }[] = [{ key: `account:${k.account.toLowerCase()}`, free: throttlePolicy.account.freeFailures }];
  if (k.ip) out.push({ key: `ip:${k.ip}`, free: throttlePolicy.ip.freeFailures });
  return out;
}

/** Seconds until a login may be tried again for these keys; 0 when allowed now. */
export async function retryAfterSeconds(db: Db, keys: ThrottleKeys): Promise<number> {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: keysOf(keys).map((k) => k.key) }, lockedUntil: { gt: new Date() } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until ? Math.ceil((until - Date.now()) / 1000) : 0;
}

export async function recordFailedLogin(db: Db, keys: ThrottleKeys): Promise<void> {
  for (const { key, free } of keysOf(keys)) {
    // One atomic statement per key, so concurrent failures all count.
    await db.$executeRaw`
      INSERT INTO "LoginThrottle" ("key", "failures", "lastFailure", "lockedUntil")
      VALUES (${key}, 1, now(), NULL)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE
          WHEN "LoginThrottle"."lastFailure" < now() - make_interval(secs => ${throttlePolicy.forgetAfterSeconds})
          THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
        "lastFailure" = now()`;
    await db.$executeRaw`
      UPDATE "LoginThrottle" SET "lockedUntil" = CASE
        WHEN "failures" > ${free}
        THEN now() + make_interval(secs => LEAST(${throttlePolicy.maxLockSeconds}, power(2, "failures" - ${free})))
        ELSE NULL END
      WHERE "key" = ${key}`;
  }
}

export async function clearAccountThrottle(db: Db, account: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `account:${account.toLowerCase()}` } });
}
