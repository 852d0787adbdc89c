import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

/** The CLI as a user runs it, without any database. */
async function campaign(...args: string[]) {
  const run = spawnTs("scripts/campaign.ts", { DATABASE_URL: "" }, ["run", ...args]);
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
  });
});
