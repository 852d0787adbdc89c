import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../src/server/api/root";
import { knownErrorToTRPC } from "../../src/server/api/trpc";
import type { SessionUser } from "../../src/server/auth/session-user";
import { LiveHub } from "../../src/platform/live/hub";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { createTestUser } from "./helpers/users";

let t: TestDatabase;
let hub: LiveHub;
let admin: SessionUser;

beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({ listenUrl: t.url, db: t.db });
  admin = await createTestUser(t.db, "ADMIN");
});
afterAll(async () => {
  await hub.stop();
  await t.drop();
});

/** The same handler the Next.js route uses, over a real Request/Response. */
async function post(path: string, body: string, locale: "fr" | "en" = "en") {
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, { method: "POST", body, headers: { "content-type": "application/json" } }),
    router: appRouter,
    createContext: async () => ({ db: t.db, hub, user: admin, ip: null, locale }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      error?: {
        json: {
          message: string;
          data: { code: string; zodIssues: { path: string[]; message: string }[] | null; app: { code: string; params: Record<string, unknown> } | null };
        };
      };
    },
  };
}

describe("bad input over HTTP", () => {
  it("answers 400 with the zod issues, never a 500", async () => {
    const { status, body } = await post(
      "users.create",
      JSON.stringify(superjson.serialize({ email: "not-an-email", name: "", role: "KING", password: "short" })),
    );
    expect(status).toBe(400);
    const issues = body.error!.json.data.zodIssues!;
    expect(issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["email", "name", "role", "password"]));
  });

  it("writes the issues in the reader's language: Vigie's own messages and zod's", async () => {
    const input = JSON.stringify(superjson.serialize({ email: "x@example.com", name: "N", role: "KING", password: "long enough pw" }));
    const role = async (locale: "fr" | "en") =>
      (await post("users.create", input, locale)).body.error!.json.data.zodIssues!.find((i) => i.path[0] === "role")!.message;
    expect(await role("en")).toMatch(/^Invalid option/);
    expect(await role("fr")).toMatch(/^Option invalide/);
    const job = JSON.stringify(
      superjson.serialize({ name: "", location: "relative/dir", pattern: "*.tar.gz", scheduleKind: "INTERVAL", intervalMinutes: 60, timezone: "Mars/Olympus" }),
    );
    const messages = (await post("backups.create", job, "fr")).body.error!.json.data.zodIssues!.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(["un nom est requis", "l'emplacement doit être un chemin absolu, par ex. /mnt/nas/sauvegardes", "fuseau horaire inconnu"]),
    );
  });

  it("answers 400 to a body that is not JSON", async () => {
    const { status, body } = await post("users.create", "{not json");
    expect(status).toBe(400);
    expect(["BAD_REQUEST", "PARSE_ERROR"]).toContain(body.error!.json.data.code);
  });

  it("checks a setting's value against its type and reports the issue", async () => {
    const { status, body } = await post("settings.update", JSON.stringify(superjson.serialize({ key: "live.retentionDays", value: "seven" })));
    expect(status).toBe(400);
    expect(body.error!.json.data.zodIssues?.[0]?.message).toMatch(/number/i);
  });

  it("answers 404 to an unknown setting and 409 to a duplicate e-mail", async () => {
    expect((await post("settings.update", JSON.stringify(superjson.serialize({ key: "no.such", value: 1 })))).status).toBe(404);
    const duplicate = await post(
      "users.create",
      JSON.stringify(superjson.serialize({ email: admin.email, name: "Twin", role: "VIEWER", password: "long enough pw" })),
    );
    expect(duplicate.status).toBe(409);
    // A stable code and its parameters, for the UI to say it in the user's language.
    expect(duplicate.body.error!.json.data.app).toEqual({ code: "email_taken", params: { email: admin.email } });
  });

  it("maps a unique index hit by raw SQL (SQLSTATE 23505) and a missing record to their codes, not 500", async () => {
    const insert = () =>
      t.db.$executeRaw`INSERT INTO "Setting" (key, type, category, description, value, "updatedAt") VALUES ('x.twice', 'INT', 'x', '', '1', now())`;
    await insert();
    const duplicate = await insert().catch((err: unknown) => err);
    expect(knownErrorToTRPC(duplicate)).toMatchObject({ code: "CONFLICT", cause: { code: "already_used" } });
    const gone = await t.db.meter.delete({ where: { id: "no-such-meter" } }).catch((err: unknown) => err);
    expect(knownErrorToTRPC(gone)).toMatchObject({ code: "NOT_FOUND", cause: { code: "not_found" } });
    expect(knownErrorToTRPC(new Error("a bug"))).toBeNull();
  });
});
