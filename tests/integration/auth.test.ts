import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveSessionUser, revokeSession } from "../../src/server/auth/session-user";
import { authenticate } from "../../src/platform/users/authenticate";
import { throttlePolicy } from "../../src/platform/users/login-throttle";
import { changeOwnPassword, changeRole, ensureFirstAdmin, resetPassword, setDisabled, UserError } from "../../src/platform/users/users";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { createTestUser } from "./helpers/users";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const sessionOf = (u: { id: string; sessionVersion: number }, sessionId = "session-1") =>
  ({ user: { id: u.id, sessionVersion: u.sessionVersion, sessionId }, expires: "" }) as never;

describe("authenticate", () => {
  it("accepts the right password and refuses a wrong one or an unknown e-mail alike", async () => {
    const user = await createTestUser(t.db, "VIEWER");
    const ok = await authenticate(t.db, { email: user.email.toUpperCase(), password: user.password, ip: "10.0.0.1" });
    expect(ok).toMatchObject({ ok: true, user: { id: user.id, role: "VIEWER" } });
    expect(await authenticate(t.db, { email: user.email, password: "wrong", ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t.db, { email: "nobody@test.local", password: "x", ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled account", async () => {
    const user = await createTestUser(t.db, "OPERATOR");
    const admin = await createTestUser(t.db, "ADMIN");
    await setDisabled(t.db, user.id, true);
    expect(await authenticate(t.db, { email: user.email, password: user.password, ip: null })).toEqual({ ok: false, reason: "invalid" });
    expect(admin).toBeDefined();
  });

  it("slows down repeated failures on one account, even with the right password, then lets it in", async () => {
    const user = await createTestUser(t.db, "VIEWER");
    for (let i = 0; i < throttlePolicy.account.freeFailures; i++) {
      expect((await authenticate(t.db, { email: user.email, password: "nope", ip: `10.1.0.${i}` })).ok).toBe(false);
    }
    // One more failure passes the allowance: the account is locked for a while.
    await authenticate(t.db, { email: user.email, password: "nope", ip: "10.1.0.99" });
    const locked = await authenticate(t.db, { email: user.email, password: user.password, ip: "10.1.0.100" });
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    expect((locked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);

    // The lock doubles with each further failure.
    await t.db.loginThrottle.update({ where: { key: `account:${user.email}` }, data: { lockedUntil: null } });
    await authenticate(t.db, { email: user.email, password: "nope", ip: "10.1.0.101" });
    const row = await t.db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(2_500);

    await t.db.loginThrottle.update({ where: { key: `account:${user.email}` }, data: { lockedUntil: null } });
    expect((await authenticate(t.db, { email: user.email, password: user.password, ip: "10.1.0.102" })).ok).toBe(true);
    expect(await t.db.loginThrottle.findUnique({ where: { key: `account:${user.email}` } })).toBeNull();
  });

  it("slows down one IP trying many accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i <= throttlePolicy.ip.freeFailures; i++) {
      await authenticate(t.db, { email: `guess${i}@test.local`, password: "x", ip });
    }
    const victim = await createTestUser(t.db, "VIEWER");
    expect(await authenticate(t.db, { email: victim.email, password: victim.password, ip })).toMatchObject({ reason: "throttled" });
    expect((await authenticate(t.db, { email: victim.email, password: victim.password, ip: "192.0.2.78" })).ok).toBe(true);
  });

  it("counts concurrent failures without losing any", async () => {
    const user = await createTestUser(t.db, "VIEWER");
    await Promise.all(Array.from({ length: 4 }, () => authenticate(t.db, { email: user.email, password: "bad", ip: null })));
    const row = await t.db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(4);
  });
});

describe("sessions", () => {
  it("end when the account is disabled, its password reset or its role changed", async () => {
    const admin = await createTestUser(t.db, "ADMIN");
    for (const change of [
      (id: string) => setDisabled(t.db, id, true),
      (id: string) => resetPassword(t.db, id),
      (id: string) => changeRole(t.db, id, "OPERATOR"),
      (id: string) => changeOwnPassword(t.db, id, "correct horse battery", "a brand new passphrase"),
    ]) {
      const user = await createTestUser(t.db, "VIEWER");
      const session = sessionOf({ id: user.id, sessionVersion: 0 });
      expect(await resolveSessionUser(t.db, session)).toMatchObject({ id: user.id });
      await change(user.id);
      expect(await resolveSessionUser(t.db, session)).toBeNull();
    }
    expect(admin).toBeDefined();
  });

  it("end for good when signed out: a copy of the cookie no longer works, other sessions go on", async () => {
    const user = await createTestUser(t.db, "OPERATOR");
    const signedOut = sessionOf({ id: user.id, sessionVersion: 0 }, "laptop");
    const other = sessionOf({ id: user.id, sessionVersion: 0 }, "phone");
    await revokeSession(t.db, signedOut, 3600);
    expect(await resolveSessionUser(t.db, signedOut)).toBeNull();
    expect(await resolveSessionUser(t.db, other)).toMatchObject({ id: user.id });
    // A session from before sign-ins were named cannot be revoked alone: it is refused.
    expect(await resolveSessionUser(t.db, sessionOf({ id: user.id, sessionVersion: 0 }, ""))).toBeNull();
  });

  it("treat no session and an unknown user as signed out", async () => {
    expect(await resolveSessionUser(t.db, null)).toBeNull();
    expect(await resolveSessionUser(t.db, sessionOf({ id: "missing", sessionVersion: 0 }))).toBeNull();
  });
});

describe("user administration", () => {
  it("never leaves Vigie without an active administrator", async () => {
    const fresh = await createTestDatabase();
    try {
      const created = await ensureFirstAdmin(fresh.db, { email: "Boss@Example.com" });
      expect(created).toMatchObject({ created: true, email: "boss@example.com", generated: true });
      const boss = await fresh.db.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
      await expect(setDisabled(fresh.db, boss.id, true)).rejects.toBeInstanceOf(UserError);
      await expect(changeRole(fresh.db, boss.id, "VIEWER")).rejects.toMatchObject({ code: "last_admin", kind: "PRECONDITION_FAILED" });
      expect(await ensureFirstAdmin(fresh.db, { email: "other@example.com", password: "x" })).toEqual({ created: false });
      const login = await authenticate(fresh.db, { email: "boss@example.com", password: (created as { password: string }).password, ip: null });
      expect(login.ok).toBe(true);
    } finally {
      await fresh.drop();
    }
  });

  it("keeps an administrator when the last two demote or disable each other at the same moment", async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = [await createTestUser(t.db, "ADMIN"), await createTestUser(t.db, "ADMIN")];
      // Every other administrator leaves first, so that a and b are the last two.
      await t.db.user.updateMany({ where: { role: "ADMIN", id: { notIn: [a.id, b.id] } }, data: { role: "VIEWER" } });
      const results = await Promise.allSettled([
        changeRole(t.db, a.id, "VIEWER"),
        round % 2 ? setDisabled(t.db, b.id, true) : changeRole(t.db, b.id, "VIEWER"),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await t.db.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
    }
  });

  it("resets a password to a generated one that works once shown", async () => {
    const user = await createTestUser(t.db, "VIEWER");
    const { password } = await resetPassword(t.db, user.id);
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect((await authenticate(t.db, { email: user.email, password, ip: null })).ok).toBe(true);
    expect((await authenticate(t.db, { email: user.email, password: user.password, ip: null })).ok).toBe(false);
  });

  it("lets a user change their own password only by proving the current one", async () => {
    const user = await createTestUser(t.db, "VIEWER");
    await expect(changeOwnPassword(t.db, user.id, "not my password", "a brand new passphrase")).rejects.toMatchObject({ code: "wrong_password" });
    await expect(changeOwnPassword(t.db, user.id, user.password, user.password)).rejects.toMatchObject({ code: "same_password" });
    expect((await authenticate(t.db, { email: user.email, password: user.password, ip: null })).ok).toBe(true);
    await changeOwnPassword(t.db, user.id, user.password, "a brand new passphrase");
    expect((await authenticate(t.db, { email: user.email, password: "a brand new passphrase", ip: null })).ok).toBe(true);
    expect((await authenticate(t.db, { email: user.email, password: user.password, ip: null })).ok).toBe(false);
  });
});
