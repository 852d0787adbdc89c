import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/platform/users/password";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { spawnTs } from "./helpers/processes";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const run = async (env: Record<string, string>) => {
  const script = spawnTs("scripts/first-admin.ts", { DATABASE_URL: t.url, ...env });
  return { code: await script.exited, output: script.output() };
};

describe("npm run db:first-admin", () => {
  it("creates the first administrator of an empty database once, for deployments without npm start", async () => {
    await t.db.user.deleteMany();
    const first = await run({ VIGIE_ADMIN_EMAIL: "Ops@Example.org" });
    expect(first.code).toBe(0);
    const password = /password: (\S+)/.exec(first.output)?.[1];
    expect(password).toBeTruthy();
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "ops@example.org" } });
    expect(admin.role).toBe("ADMIN");
    expect(await verifyPassword(admin.passwordHash, password!)).toBe(true);

    const again = await run({ VIGIE_ADMIN_EMAIL: "other@example.org", VIGIE_ADMIN_PASSWORD: "another-password-1" });
    expect(again.code).toBe(0);
    expect(again.output).toContain("already has users");
    expect(await t.db.user.count()).toBe(1);
  });
});
