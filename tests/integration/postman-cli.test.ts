import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRunOptions } from "../../src/campaigns/postman/run-options";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { startEchoServer } from "./helpers/echo-server";
import { spawnTs } from "./helpers/processes";

let echo: Awaited<ReturnType<typeof startEchoServer>>;
let dir: string;
let env: string;
const fixture = (name: string) => `tests/fixtures/postman/parity/${name}.postman_collection.json`;

beforeAll(async () => {
  echo = await startEchoServer();
  dir = await mkdtemp(join(tmpdir(), "vigie-postman-cli-"));
  env = join(dir, "env.json");
  await writeFile(env, JSON.stringify({ name: "local", values: [{ key: "baseUrl", value: "http://127.0.0.1:1", enabled: true }] }));
});
afterAll(async () => {
  await echo.close();
});

/** The CLI as a user runs it, without any database (an empty data folder: Vigie never started there). */
async function campaign(...args: string[]) {
  const run = spawnTs("scripts/campaign.ts", { DATABASE_URL: "", VIGIE_DATA_DIR: join(dir, "no-vigie-here") }, ["run", ...args]);
  return { code: await run.exited, output: run.output() };
}

describe("npm run campaign -- run <collection.json>", { timeout: 60_000 }, () => {
  it("runs a green collection with an environment file and --env-var over it: exit 0, JUnit and JSON written", async () => {
    const junit = join(dir, "green.xml");
    const json = join(dir, "green.json");
    const { code, output } = await campaign(fixture("scripts-and-variables"), "-e", env, "--env-var", `baseUrl=${echo.url}`, "--junit", junit, "--json", json);
    expect(output).toContain("4 request(s), 8 assertion(s), 0 failed; 0 failure(s)");
    expect(code).toBe(0);
    const xml = await readFile(junit, "utf8");
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    expect(xml).toContain('classname="Auth" name="Basic auth inherited from the folder / authenticated"');
    expect(JSON.parse(await readFile(json, "utf8")).stats).toMatchObject({ requests: 4, assertions: 8, failedAssertions: 0 });
  });

  it("prints each failure with its reason and exits 1; --folder runs one folder; a CSV data file drives iterations", async () => {
    const red = await campaign(fixture("flow-and-failures"), "--env-var", `baseUrl=${echo.url}`);
    expect(red.code).toBe(1);
    expect(red.output).toMatch(/\[assertion\] Not found on purpose \(iteration 1\): wrong on purpose: expected 404 to deeply equal 200/);
    expect(red.output).toMatch(/\[script\] Script that throws \(iteration 1\): .*boom in a test script/);

    const folder = await campaign(fixture("flow-and-failures"), "--env-var", `baseUrl=${echo.url}`, "--folder", "Cookies");
    expect(folder.output).toContain("2 request(s), 1 assertion(s), 0 failed");
    expect(folder.code).toBe(0);

    const data = join(dir, "data.csv");
    await writeFile(data, "q,expected\nab,2\nxyz,3\n");
    const iterations = await campaign(fixture("iterations"), "--env-var", `baseUrl=${echo.url}`, "-d", data);
    expect(iterations.output).toContain("2 iteration(s), 2 request(s), 4 assertion(s), 0 failed");
    expect(iterations.code).toBe(0);
  });

  it("answers bad arguments with the usage and exit 2", async () => {
    const { code, output } = await campaign(fixture("iterations"), "-n", "zero");
    expect(code).toBe(2);
    expect(output).toContain("Usage: npm run campaign -- run <collection.json>");
    const missingEnv = await campaign(fixture("iterations"), "-e", join(dir, "nope.json"));
    expect(missingEnv.code).toBe(2);
    expect(missingEnv.output).toMatch(/cannot read the environment/);
    // Folders nested thousands deep: refused as a collection (written as text: JSON.stringify itself runs out of stack on it).
    const deep = join(dir, "deep.json");
    let item = JSON.stringify({ name: "leaf", request: { method: "GET", url: "http://127.0.0.1:9/" } });
    for (let i = 0; i < 3_000; i++) item = `{"name":"f${i}","item":[${item}]}`;
    await writeFile(deep, `{"info":{"name":"deep"},"item":[${item}]}`);
    const tooDeep = await campaign(deep);
    expect(tooDeep.code).toBe(2);
    expect(tooDeep.output).toMatch(/nested more than 200 levels deep/);
  });
});

describe("npm run campaign -- run <collection.json> with a database", { timeout: 120_000 }, () => {
  const secretKey = "55".repeat(32);
  let t: TestDatabase;
  beforeAll(async () => {
    process.env.VIGIE_SECRET_KEY = secretKey;
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const recorded = async (...args: string[]) => {
    const run = spawnTs("scripts/campaign.ts", { DATABASE_URL: t.url, VIGIE_SECRET_KEY: secretKey }, ["run", ...args]);
    return { code: await run.exited, output: run.output() };
  };

  it("records the run as a report of the collection's campaign, with its data file, iterations and --env-var kept (sealed)", async () => {
    const data = join(dir, "recorded.csv");
    await writeFile(data, "q,expected\nab,2\nxyz,3\n");
    const first = await recorded(fixture("iterations"), "--env-var", `baseUrl=${echo.url}`, "-d", data);
    expect(first.output).toContain('Iterations: recorded as the report "CLI ');
    expect(first.output).toContain("COMPLETED: 2 passed, 0 failed, 0 skipped");
    expect(first.code).toBe(0);

    const [report] = await t.db.campaignReport.findMany({ include: { campaign: true, environment: true, results: { orderBy: { position: "asc" } } } });
    expect(report).toMatchObject({ status: "COMPLETED", total: 2, passed: 2, campaign: { name: "Iterations", kind: "POSTMAN" }, environment: { name: "CLI" } });
    expect(report!.results.map((r) => r.testName)).toEqual(["Search", "Search (#2)"]);
    // The URL given on the command line is not stored in clear.
    expect(JSON.stringify(report!.runOptions)).not.toContain(echo.url);
    expect(openRunOptions(report!.runOptions).options).toMatchObject({ envVars: { baseUrl: echo.url }, iterationData: [{ q: "ab" }, { q: "xyz" }] });

    // Run again, red this time: the same campaign, a second report, exit 1 with what failed.
    const wrong = join(dir, "wrong.csv");
    await writeFile(wrong, "q,expected\nab,5\n");
    const failing = await recorded(fixture("iterations"), "--env-var", `baseUrl=${echo.url}`, "-d", wrong);
    expect(failing.code).toBe(1);
    expect(failing.output).toMatch(/✗ Search/);
    expect(failing.output).toMatch(/✗ expected 5: expected 2 to deeply equal 5/);
    expect(await t.db.campaign.count()).toBe(1);
    expect(await t.db.campaignReport.count()).toBe(2);
  });

  it("imports the environment file as the environment of the run, and --no-record runs without recording", async () => {
    const envFile = join(dir, "staging.postman_environment.json");
    await writeFile(envFile, JSON.stringify({ name: "staging", values: [{ key: "baseUrl", value: echo.url, enabled: true }] }));
    const data = join(dir, "one.csv");
    await writeFile(data, "q,expected\nabc,3\n");
    const run = await recorded(fixture("iterations"), "-e", envFile, "-d", data);
    expect(run.code).toBe(0);
    const latest = await t.db.campaignReport.findFirstOrThrow({ orderBy: { createdAt: "desc" }, include: { environment: true } });
    expect(latest.environment.name).toBe("staging");
    const before = await t.db.campaignReport.count();
    const plain = await recorded(fixture("iterations"), "-e", envFile, "-d", data, "--no-record");
    expect(plain.output).toContain("1 iteration(s), 1 request(s), 2 assertion(s), 0 failed");
    expect(await t.db.campaignReport.count()).toBe(before);
  });
});
