import type { AnyProcedure } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../src/server/api/root";
import type { ProcedureMeta } from "../../src/server/api/trpc";
import { LiveHub } from "../../src/platform/live/hub";
import { hasRole, roles, type Role } from "../../src/lib/roles";
import type { SessionUser } from "../../src/server/auth/session-user";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { callerAs } from "./helpers/trpc";
import { createTestUser } from "./helpers/users";

/** The only procedures anyone may call without signing in. */
const declaredPublic = new Set(["me"]);

let t: TestDatabase;
let hub: LiveHub;
const users = {} as Record<Role, SessionUser>;

beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({ listenUrl: t.url, db: t.db });
  for (const role of roles) users[role] = await createTestUser(t.db, role);
});
afterAll(async () => {
  await hub.stop();
  await t.drop();
});

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

/** Calls a procedure by path with no input; returns the tRPC error code, or "OK". */
async function codeOf(user: SessionUser | null, path: string): Promise<string> {
  const caller = callerAs(t.db, hub, user) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
    opts?: { signal?: AbortSignal },
  ) => Promise<unknown>;
  const abort = new AbortController();
  try {
    const result = await fn(undefined, { signal: abort.signal });
    if (result && typeof result === "object" && Symbol.asyncIterator in result) {
      // A subscription checks access when it starts: an error comes with the first pull, an
      // accepted one simply stays open.
      const first = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().next();
      await Promise.race([first, new Promise((r) => setTimeout(r, 300))]);
    }
    return "OK";
  } catch (err) {
    return (err as { code?: string }).code ?? "THREW";
  } finally {
    abort.abort();
  }
}

describe("every tRPC procedure", () => {
  it("is either declared public or requires a role", () => {
    expect(procedures.length).toBeGreaterThan(10);
    for (const [path, procedure] of procedures) {
      const meta = procedure._def.meta as ProcedureMeta | undefined;
      if (declaredPublic.has(path)) expect(meta?.minRole, path).toBeUndefined();
      else expect(meta?.minRole, `${path} declares no minRole`).toBeDefined();
    }
  });

  it.each(procedures.map(([path]) => path))("%s rejects an anonymous caller unless declared public", async (path) => {
    const code = await codeOf(null, path);
    if (declaredPublic.has(path)) expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(code);
    else expect(code).toBe("UNAUTHORIZED");
  });

  it.each(procedures.filter(([path]) => !declaredPublic.has(path)).map(([path, p]) => [path, (p._def.meta as ProcedureMeta).minRole!] as const))(
    "%s enforces its role (%s)",
    async (path, minRole) => {
      for (const role of roles) {
        const code = await codeOf(users[role], path);
        if (hasRole(role, minRole)) expect(["UNAUTHORIZED", "FORBIDDEN"], `${role} on ${path}`).not.toContain(code);
        else expect(code, `${role} on ${path}`).toBe("FORBIDDEN");
      }
    },
  );
});

/** How a call failed: its tRPC code and message. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => ({ code: "OK", message: "" }),
    (err: { code?: string; message: string }) => ({ code: err.code ?? "THREW", message: err.message }),
  );

describe("input nested beyond reason", () => {
  it("is a bad request saying so, before any schema reads it", async () => {
    let deep: unknown = "x";
    for (let i = 0; i < 5_000; i++) deep = [deep];
    const admin = callerAs(t.db, hub, users.ADMIN);
    // The setting's schema walked it recursively and ran out of stack ("Maximum call stack size exceeded").
    expect(await failure(admin.settings.update({ key: "site.name", value: deep } as never))).toEqual({
      code: "BAD_REQUEST",
      message: "input: nested more than 200 levels deep",
    });
  });

  it("still finds a NUL as deep as a collection's request bodies lie", async () => {
    let body: unknown = "a\u0000b";
    for (let i = 0; i < 40; i++) body = { nested: body };
    const admin = callerAs(t.db, hub, users.ADMIN);
    const collection = { info: { name: "nul" }, item: [{ name: "r", request: { method: "POST", url: "http://x/", body: { mode: "raw", raw: body } } }] };
    expect(await failure(admin.campaigns.importPostman({ collection }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/NUL character/),
    });
  });
});
