import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveHub } from "../../src/platform/live/hub";
import { createTRPCContext } from "../../src/server/api/context";
import { appRouter } from "../../src/server/api/root";
import { CLIENT_IP_HEADER } from "../../src/server/auth/client-ip";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { createTestUser } from "./helpers/users";

// Read by createTRPCContext through the configuration, once per process: set before anything reads it.
const SECRET = "contract-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = SECRET;
const COOKIE = "authjs.session-token";

let t: TestDatabase;
let hub: LiveHub;
beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({ listenUrl: t.url, db: t.db });
});
afterAll(async () => {
  await hub.stop();
  await t.drop();
});

/** A session cookie as Auth.js writes it (JWE, salted with the cookie's name). */
const token = (claims: Record<string, unknown>, secret = SECRET) => encode({ token: claims, secret, salt: COOKIE, maxAge: 3600 });
const contextFor = (cookie: string, extra: Record<string, string> = {}) => createTRPCContext({ db: t.db, hub, headers: new Headers({ cookie, ...extra }) });

describe("the tRPC context from an Auth.js session cookie", () => {
  it("is the signed-in user, with the address the web server vouched for", async () => {
    const admin = await createTestUser(t.db, "ADMIN");
    const ctx = await contextFor(`${COOKIE}=${await token({ sub: admin.id, sv: 0, sid: randomUUID() })}`, { [CLIENT_IP_HEADER]: "203.0.113.9" });
    expect(ctx.user).toMatchObject({ id: admin.id, role: "ADMIN" });
    expect(ctx.ip).toBe("203.0.113.9");
    // The same caller the pages use enforces the procedure's role.
    expect(await appRouter.createCaller(ctx).users.list()).toEqual(expect.arrayContaining([expect.objectContaining({ id: admin.id })]));
  });

  it("reads a token Auth.js split over several cookies", async () => {
    const viewer = await createTestUser(t.db, "VIEWER");
    const jwe = await token({ sub: viewer.id, sv: 0, sid: randomUUID() });
    const third = Math.ceil(jwe.length / 3);
    const chunks = [jwe.slice(0, third), jwe.slice(third, 2 * third), jwe.slice(2 * third)];
    const ctx = await contextFor(chunks.map((c, i) => `${COOKIE}.${i}=${c}`).join("; "));
    expect(ctx.user?.id).toBe(viewer.id);
    await expect(appRouter.createCaller(ctx).users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("is anonymous for a token signed with another secret, a tampered one, a revoked session or a stale session version", async () => {
    const user = await createTestUser(t.db, "OPERATOR");
    const sid = randomUUID();
    expect((await contextFor(`${COOKIE}=${await token({ sub: user.id, sv: 0, sid }, "another-secret-entirely-0123456789")}`)).user).toBeNull();
    const good = await token({ sub: user.id, sv: 0, sid });
    expect((await contextFor(`${COOKIE}=${good.slice(0, -4)}AAAA`)).user).toBeNull();
    expect((await contextFor(`${COOKIE}=${await token({ sub: user.id, sv: 1, sid })}`)).user).toBeNull();
    expect((await contextFor(`${COOKIE}=${good}`)).user?.id).toBe(user.id);
    await t.db.revokedSession.create({ data: { sessionId: sid, expiresAt: new Date(Date.now() + 3_600_000) } });
    expect((await contextFor(`${COOKIE}=${good}`)).user).toBeNull();
    expect((await contextFor("")).user).toBeNull();
  });
});
