import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollectionRunOptions, runPostmanCollection } from "../../src/campaigns/postman/run-collection";
import { startEchoServer } from "./helpers/echo-server";

const require = createRequire(import.meta.url);
const newman = require("newman") as {
  run(options: object, done: (err: Error | null, summary: NewmanSummary) => void): void;
};
type NewmanSummary = { run: { stats: { requests: { total: number }; assertions: { total: number; failed: number } }; failures: unknown[] } };

let echo: Awaited<ReturnType<typeof startEchoServer>>;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(async () => {
  await echo.close();
});

const collection = (name: string) => JSON.parse(readFileSync(`tests/fixtures/postman/parity/${name}.postman_collection.json`, "utf8")) as unknown;
const environment = () => ({ values: [{ key: "baseUrl", value: echo.url, type: "default", enabled: true }] });

/** The verdict, assertions and requests the echo server received, for one engine's run. */
async function measure(run: () => Promise<{ failed: boolean; assertions: number; failedAssertions: number }>) {
  const before = echo.received.length;
  const outcome = await run();
  return { ...outcome, requestsReceived: echo.received.length - before };
}

function viaNewman(definition: unknown, options: CollectionRunOptions) {
  return new Promise<{ failed: boolean; assertions: number; failedAssertions: number }>((resolve, reject) =>
    newman.run(
      { collection: definition, environment: options.environment, iterationData: options.iterationData, bail: options.bail, reporters: [] },
      (err, summary) =>
        err
          ? reject(err)
          : resolve({
              failed: summary.run.failures.length > 0,
              assertions: summary.run.stats.assertions.total,
              failedAssertions: summary.run.stats.assertions.failed,
            }),
    ),
  );
}

async function viaVigie(definition: unknown, options: CollectionRunOptions) {
  const summary = await runPostmanCollection(definition, options);
  return { failed: summary.failures.length > 0, assertions: summary.stats.assertions, failedAssertions: summary.stats.failedAssertions };
}

describe("Postman collections run in Vigie as in Newman", { timeout: 60_000 }, () => {
  const cases: [string, string, () => CollectionRunOptions][] = [
    ["scripts-and-variables", "", () => ({ environment: environment() })],
    ["flow-and-failures", "", () => ({ environment: environment() })],
    [
      "iterations",
      " (a data file of three rows)",
      () => ({
        environment: environment(),
        iterationData: [
          { q: "ab", expected: "2" },
          { q: "xyz", expected: "3" },
          { q: "odd", expected: "4" },
        ],
      }),
    ],
    ["flow-and-failures", " with --bail", () => ({ environment: environment(), bail: true })],
  ];
  for (const [name, variant, options] of cases) {
    it(`${name}${variant}: same verdict, same assertions, same requests`, async () => {
      const definition = collection(name);
      const newmanRun = await measure(() => viaNewman(definition, options()));
      const vigieRun = await measure(() => viaVigie(definition, options()));
      expect(vigieRun).toEqual(newmanRun);
      expect(newmanRun.assertions).toBeGreaterThan(0);
    });
  }

  it("reports what each request and assertion did, by folder, with script errors and the failed assertions' reasons", async () => {
    const summary = await runPostmanCollection(collection("flow-and-failures"), { environment: environment() });
    expect(summary.executions.map((e) => [e.folders.join("/"), e.item, e.status])).toEqual([
      ["", "Jump", 200],
      ["", "Not found on purpose", 404],
      ["", "Script that throws", 200],
      ["Cookies", "Set", 200],
      ["Cookies", "Sent back", 200],
    ]);
    expect(summary.failures.map((f) => [f.kind, f.source])).toEqual([
      ["assertion", "Not found on purpose"],
      ["script", "Script that throws"],
    ]);
    expect(summary.failures[0]!.message).toMatch(/wrong on purpose: expected 404 to deeply equal 200/);
    expect(summary.failures[1]!.message).toMatch(/boom in a test script/);
  });

  it("masks a secret variable in every form it takes in what it returns", async () => {
    const secret = "s3cr3t-Pa55/word";
    const summary = await runPostmanCollection(
      {
        info: { name: "Secret", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        item: [
          {
            name: "Leaky",
            event: [
              {
                listen: "test",
                script: { exec: ["pm.test('token ' + pm.environment.get('token'), () => pm.expect(pm.response.json().args.t).to.eql('nope'));"] },
              },
            ],
            request: { method: "GET", url: "{{baseUrl}}/get?t={{token}}" },
          },
        ],
      },
      { environment: { values: [...environment().values, { key: "token", value: secret, type: "secret", enabled: true }] } },
    );
    const text = JSON.stringify(summary);
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")]) expect(text).not.toContain(form);
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0]!.message).toContain("••••");
  });
});
