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

  it("a collection run in parts keeps what a single run carries from request to request: scopes, cookies, the sandbox's globals", async () => {
    const test = (...exec: string[]) => [{ listen: "test", script: { exec } }];
    const definition = {
      info: { name: "Carried", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
      variable: [{ key: "c", value: "0" }],
      item: [
        {
          name: "Sets",
          event: test(
            "pm.environment.set('e', '1'); pm.collectionVariables.set('c', '2'); pm.variables.set('l', '3'); pm.globals.set('g', '4');",
            "helper = function () { return 5; };",
          ),
          request: { method: "GET", url: "{{baseUrl}}/cookies/set?session=abc" },
        },
        {
          name: "Folder",
          item: [
            {
              name: "Reads",
              event: test(
                "pm.test('scopes', () => pm.expect([pm.environment.get('e'), pm.collectionVariables.get('c'), pm.variables.get('l'), pm.globals.get('g')]).to.eql(['1', '2', '3', '4']));",
                "pm.test('cookie', () => pm.expect(pm.response.json().cookies.session).to.eql('abc'));",
                "pm.test('sandbox global', () => pm.expect(typeof helper === 'function' && helper()).to.eql(5));",
                "pm.test('sent', () => pm.expect(pm.request.url.getQueryString()).to.eql('c=2&l=3'));",
              ),
              request: { method: "GET", url: "{{baseUrl}}/cookies?c={{c}}&l={{l}}" },
            },
          ],
        },
      ],
    };
    const newmanRun = await measure(() => viaNewman(definition, { environment: environment() }));
    const inParts = await measure(() => viaVigie(definition, { environment: environment(), requestsPerPart: 1 }));
    expect(newmanRun).toEqual({ failed: false, assertions: 4, failedAssertions: 0, requestsReceived: 2 });
    expect(inParts).toEqual(newmanRun);
  });

  it("a collection run in parts stops at the first failure with --bail, as Newman", async () => {
    const check = (status: number) => [{ listen: "test", script: { exec: [`pm.test('status', () => pm.response.to.have.status(${status}));`] } }];
    const definition = {
      info: { name: "Bail", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
      item: [200, 418, 200].map((status, i) => ({ name: `r${i}`, event: check(status), request: { method: "GET", url: "{{baseUrl}}/get" } })),
    };
    const newmanRun = await measure(() => viaNewman(definition, { environment: environment(), bail: true }));
    const inParts = await measure(() => viaVigie(definition, { environment: environment(), bail: true, requestsPerPart: 1 }));
    expect(newmanRun).toEqual({ failed: true, assertions: 2, failedAssertions: 1, requestsReceived: 2 });
    expect(inParts).toEqual(newmanRun);
  });
});
