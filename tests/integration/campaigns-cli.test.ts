import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { spawnTs } from "./helpers/processes";
import { startTestApi } from "./helpers/test-api";

let t: TestDatabase;
let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  t = await createTestDatabase();
  api = await startTestApi();
  await t.db.environment.create({ data: { name: "ci", variables: { create: [{ key: "base_url", value: api.url }] } } });
  const http = (url: string, status: number) => ({
    position: 0,
    type: "http",
    params: { url: `{{base_url}}${url}`, assertions: [{ kind: "status", expected: status }] },
  });
  await t.db.campaign.create({ data: { name: "green", tests: { create: [{ name: "order", position: 0, actions: { create: [http("/orders/1", 200)] } }] } } });
  await t.db.campaign.create({
    data: {
      name: "red",
      tests: {
        create: [
          { name: "boom", position: 0, actions: { create: [http("/fail", 200)] } },
          { name: "after", position: 1, actions: { create: [http("/orders/2", 200)] } },
        ],
      },
    },
  });
});
afterAll(async () => {
  await api.close();
  await t.drop();
});

const cli = async (...args: string[]) => {
  const run = spawnTs("scripts/campaign.ts", { DATABASE_URL: t.url, VIGIE_SECRET_KEY: "44".repeat(32) }, args);
  return { code: await run.exited, output: run.output() };
};

describe("npm run campaign", { timeout: 60_000 }, () => {
  it("exits 0 when every test passes", async () => {
    const { code, output } = await cli("run", "green", "--env", "ci");
    expect(code).toBe(0);
    expect(output).toMatch(/✓ order \(\d+ ms\)/);
    expect(output).toContain("COMPLETED: 1 passed, 0 failed, 0 skipped");
  });

  it("exits 1 when a test fails, stops with --bail, and writes JUnit", async () => {
    const junit = join(await mkdtemp(join(tmpdir(), "vigie-cli-")), "out.xml");
    const { code, output } = await cli("run", "red", "--env", "ci", "--bail", "--junit", junit);
    expect(code).toBe(1);
    expect(output).toContain("FAILED: 0 passed, 1 failed, 1 skipped");
    const xml = await readFile(junit, "utf8");
    // One testcase per assertion, named "test / assertion" as Newman's; the test never run is skipped.
    expect(xml).toContain('<testsuites name="red" tests="2" failures="1" errors="0" skipped="1"');
    expect(xml).toMatch(/<testcase classname="red" name="[^"]+ \/ status equals 200"[^>]*>\n\s*<failure type="AssertionFailure"/);
  });

  it("explains a wrong argument and exits 2", async () => {
    expect(await cli("run", "green")).toMatchObject({ code: 2, output: expect.stringContaining("--env <environment> is required") });
    expect(await cli("run", "nope", "--env", "ci")).toMatchObject({ code: 2, output: expect.stringContaining('No campaign "nope".') });
  });
});
