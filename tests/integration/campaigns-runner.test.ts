import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelReport, launchReport } from "../../src/campaigns/launch";
import { exportReport } from "../../src/campaigns/exports";
import { getReport } from "../../src/campaigns/reports";
import { runReport } from "../../src/campaigns/runner";
import { openReportRun } from "../../src/campaigns/report-run";
import { SecretBox } from "../../src/platform/secret-box";
import { runLogText } from "../../src/campaigns/run-log-text";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { startTestApi } from "./helpers/test-api";

process.env.VIGIE_SECRET_KEY ??= "22".repeat(32);
let t: TestDatabase;
let api: Awaited<ReturnType<typeof startTestApi>>;
let environmentId: string;
const TOKEN = "s3cr3t-token-value";

beforeAll(async () => {
  t = await createTestDatabase();
  api = await startTestApi();
  const env = await t.db.environment.create({
    data: {
      name: "recette",
      variables: {
        create: [
          { key: "base_url", value: api.url },
          { key: "token", value: new SecretBox(process.env.VIGIE_SECRET_KEY!).seal(TOKEN), secret: true },
        ],
      },
    },
  });
  environmentId = env.id;
});
afterAll(async () => {
  await api.close();
  await t.drop();
});

type ActionSpec = { type: string; name?: string; params: object; timeoutMs?: number; retries?: number };
async function campaign(tests: [string, ActionSpec[]][]) {
  return t.db.campaign.create({
    data: {
      name: `c-${randomUUID()}`,
      tests: {
        create: tests.map(([name, actions], position) => ({
          name,
          position,
          actions: {
            create: actions.map((a, i) => ({
              position: i,
              type: a.type,
              name: a.name ?? "",
              params: a.params,
              timeoutMs: a.timeoutMs ?? 5_000,
              retries: a.retries ?? 0,
            })),
          },
        })),
      },
    },
  });
}
const run = (reportId: string) => runReport(t.db, reportId, { runToken: randomUUID(), staleAfterMs: 10_000, pollMs: 100 });
const results = (reportId: string) =>
  t.db.testResult.findMany({ where: { reportId }, orderBy: { position: "asc" }, include: { logs: { orderBy: { id: "asc" } } } });

describe("the campaign runner", () => {
  it("runs tests in order with environment, captured and built-in variables, and masks secrets", async () => {
    const c = await campaign([
      [
        "create an order",
        [
          {
            type: "http",
            params: {
              method: "POST",
              url: "{{base_url}}/orders",
              headers: { authorization: "Bearer {{token}}" },
              body: { type: "json", value: { ref: "{{$uuid}}", echo: "{{token}}", nested: { report: "{{test.report_id}}" } } },
              assertions: [
                { kind: "status", expected: 201 },
                { kind: "jsonPath", path: "$.id", operator: "exists" },
                { kind: "header", name: "content-type", operator: "contains", expected: "json" },
              ],
              extract: [{ from: "jsonPath", path: "$.id", variable: "orderId" }],
            },
          },
        ],
      ],
      [
        "read it back",
        [
          {
            type: "http",
            params: {
              url: "{{base_url}}/orders/{{app.orderId}}",
              auth: { type: "basic", username: "ops", password: "{{token}}" },
              assertions: [
                { kind: "jsonPath", path: "$.id", expected: 42 },
                { kind: "body", operator: "matches", expected: '"status":"open"' },
              ],
            },
          },
        ],
      ],
      [
        "compare",
        [
          { type: "set", params: { variables: { expected: 42 } } },
          { type: "assert", params: { actual: "{{orderId}}", operator: "equals", expected: "{{expected}}" } },
        ],
      ],
    ]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "Mars 2023" }, null);
    expect(await run(report.id)).toBe("COMPLETED");
    const rows = await results(report.id);
    expect(rows.map((r) => r.status)).toEqual(["PASSED", "PASSED", "PASSED"]);
    expect(rows[0]!.captured).toEqual({ orderId: "42" });
    const posted = api.requests.find((r) => r.method === "POST")!;
    expect(posted.authorization).toBe(`Bearer ${TOKEN}`);
    // Basic credentials are encoded after the variables are resolved.
    const read = api.requests.find((r) => r.method === "GET" && r.url.includes("/orders/42"))!;
    expect(read.authorization).toBe(`Basic ${Buffer.from(`ops:${TOKEN}`).toString("base64")}`);
    expect(JSON.parse(posted.body).nested.report).toBe(report.id);
    const allLogs = rows.flatMap((r) => r.logs.map((l) => l.message)).join("\n");
    expect(allLogs).toContain("••••");
    expect(allLogs).not.toContain(TOKEN);
    // Each line keeps its code and facts, and is written in the reader's language from them.
    const lines = rows.flatMap((r) => r.logs);
    expect(lines.find((l) => l.code === "captured")).toMatchObject({ params: { variable: "orderId" }, message: "captured orderId" });
    const french = lines.map((l) => runLogText(l, "fr"));
    expect(french).toContain("orderId capturée");
    expect(french.find((l) => l.startsWith("← 201"))).toMatch(/^← 201 Created en \d+ ms, \d+ caractères$/);
    const finished = await t.db.campaignReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(finished).toMatchObject({ status: "COMPLETED", progress: 100, passed: 3, failed: 0, skipped: 0 });
    const events = await t.db.liveEvent.findMany({ where: { topic: `report:${report.id}` }, orderBy: { id: "asc" } });
    const assertionEvents = events.filter((e) => e.type === "assertion_completed");
    expect(assertionEvents).toHaveLength(rows.reduce((n, r) => n + (r.assertions as unknown[]).length, 0));
    expect(events.filter((e) => e.type !== "assertion_completed").map((e) => e.type)).toEqual([
      "campaign_started",
      ...Array(3).fill(["test_started", "test_completed", "campaign_progress"]).flat(),
      "campaign_completed",
    ]);
  });

  it("never lets a secret reach the report, its events or its exports: assertion names, expected and actual values, in any encoding", async () => {
    const basic = Buffer.from(`me:${TOKEN}`).toString("base64");
    const c = await campaign([
      ["leaky assertions", [{ type: "assert", params: { actual: "{{token}}", operator: "equals", expected: "not {{token}}" } }]],
      [
        "leaky request",
        [
          {
            type: "http",
            params: {
              url: "{{base_url}}/orders?t={{token}}",
              headers: { authorization: `Basic ${basic}` },
              assertions: [{ kind: "body", operator: "contains", expected: "{{token}} and %7B{{token}}%7D" }],
            },
          },
        ],
      ],
    ]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "leak" }, null);
    expect(await run(report.id)).toBe("FAILED");
    const forms = [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString("base64"), basic.slice(4, -4)];
    const stored = JSON.stringify(
      [await getReport(t.db, report.id), await results(report.id), await t.db.liveEvent.findMany({ where: { topic: `report:${report.id}` } })],
      (_k, v) => (typeof v === "bigint" ? String(v) : v),
    );
    let exported = "";
    for (const format of ["json", "junit"] as const) for await (const chunk of exportReport(t.db, report.id, format)) exported += chunk;
    expect(stored).toContain("••••");
    expect(exported).toContain("••••");
    const written = (await results(report.id)).flatMap((r) => r.logs.flatMap((l) => [runLogText(l, "fr"), runLogText(l, "en")])).join("\n");
    expect(written).toContain("••••");
    for (const form of forms) {
      expect(written).not.toContain(form);
      expect(stored).not.toContain(form);
      expect(exported).not.toContain(form);
    }
  });

  it("gives unique names as 'Mars 2023 (1)', '(2)', even when launched at the same moment", async () => {
    const c = await campaign([["one", [{ type: "delay", params: { ms: 1 } }]]]);
    const names = await Promise.all(
      Array.from({ length: 4 }, () => launchReport(t.db, { campaignId: c.id, environmentId, name: "Avril 2023" }, null).then((r) => r.name)),
    );
    expect(names.sort()).toEqual(["Avril 2023", "Avril 2023 (1)", "Avril 2023 (2)", "Avril 2023 (3)"]);
  });

  it("launches a 10,000-test campaign in one statement: every result in order, its run queued once", async () => {
    const c = await t.db.campaign.create({ data: { name: `large-${randomUUID()}` } });
    await t.db.campaignTest.createMany({ data: Array.from({ length: 10_000 }, (_, i) => ({ campaignId: c.id, name: `test ${i}`, position: 10_000 - i })) });
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "large" }, null);
    expect(report).toMatchObject({ status: "PENDING", total: 10_000 });
    const rows = await t.db.testResult.findMany({ where: { reportId: report.id }, orderBy: { position: "asc" }, select: { position: true, testName: true } });
    expect(rows).toHaveLength(10_000);
    // Positions follow the campaign's order (here the reverse of creation), from 0.
    expect(rows[0]).toEqual({ position: 0, testName: "test 9999" });
    expect(rows[9_999]).toEqual({ position: 9_999, testName: "test 0" });
    const jobs = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE key = ${`campaign_run:${report.id}`}`;
    expect(Number(jobs[0]!.n)).toBe(1);
  });

  it("refuses a launch without name, without environment, or of a campaign without tests", async () => {
    const c = await campaign([["one", [{ type: "delay", params: { ms: 1 } }]]]);
    await expect(launchReport(t.db, { campaignId: c.id, environmentId, name: " " }, null)).rejects.toThrow("The report needs a name.");
    await expect(launchReport(t.db, { campaignId: c.id, environmentId: null, name: "x" }, null)).rejects.toThrow("Choose the environment to run against.");
    const empty = await campaign([]);
    await expect(launchReport(t.db, { campaignId: empty.id, environmentId, name: "x" }, null)).rejects.toThrow(
      "This campaign has no test to run: add one first.",
    );
  });

  it("runs a test's later requests after a failed one, unless the run stops at the first failure", async () => {
    const steps: ActionSpec[] = [
      { type: "http", params: { url: "{{base_url}}/fail", assertions: [{ kind: "status", expected: 200 }] } },
      { type: "http", name: "after", params: { url: "{{base_url}}/orders/after-failure" } },
    ];
    const c = await campaign([["two requests", steps]]);
    const going = await launchReport(t.db, { campaignId: c.id, environmentId, name: "goes on" }, null);
    expect(await run(going.id)).toBe("FAILED");
    expect(api.requests.filter((r) => r.url === "/orders/after-failure")).toHaveLength(1);
    const stopping = await launchReport(t.db, { campaignId: c.id, environmentId, name: "stops", stopOnFailure: true }, null);
    expect(await run(stopping.id)).toBe("FAILED");
    expect(api.requests.filter((r) => r.url === "/orders/after-failure")).toHaveLength(1);
    const [row] = await results(stopping.id);
    expect(row!.logs.map((l) => l.message)).toContain('skipped: http "after" (stopped at the first failure)');
  });

  it("fails body assertions on a body above the limit, saying so, and says why a request could not be made", async () => {
    // A port nothing listens on any more.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const c = await campaign([
      [
        "big",
        [
          {
            type: "http",
            params: {
              url: "{{base_url}}/big",
              maxBodyChars: 10_000,
              assertions: [
                { kind: "status", expected: 200 },
                { kind: "jsonPath", path: "$.last", expected: true },
              ],
            },
          },
        ],
      ],
      ["whole", [{ type: "http", params: { url: "{{base_url}}/big", assertions: [{ kind: "jsonPath", path: "$.last", expected: true }] } }]],
      ["refused", [{ type: "http", params: { url: `http://127.0.0.1:${closedPort}/nothing` } }]],
    ]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "limits" }, null);
    expect(await run(report.id)).toBe("FAILED");
    const [big, whole, refused] = await results(report.id);
    expect(big!.status).toBe("FAILED");
    expect(big!.assertions).toEqual([
      expect.objectContaining({ name: "status equals 200", ok: true }),
      expect.objectContaining({ ok: false, message: "body too large for assertions: more than 10000 characters (raise maxBodyChars)" }),
    ]);
    expect(whole!.status).toBe("PASSED");
    expect(refused!.logs.map((l) => l.message)).toContain(`http: GET http://127.0.0.1:${closedPort}: connection refused (ECONNREFUSED)`);
  });

  it("records a server's answer holding a NUL (which PostgreSQL refuses) with U+FFFD in its place, and the run ends normally", async () => {
    const c = await campaign([
      ["nul", [{ type: "http", params: { url: "{{base_url}}/nul", assertions: [{ kind: "body", operator: "contains", expected: "x" }] } }]],
    ]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "nul" }, null);
    expect(await run(report.id)).toBe("FAILED");
    const [row] = await results(report.id);
    expect(row!.status).toBe("FAILED");
    const stored = JSON.stringify([row!.assertions, row!.logs.map((l) => [l.message, l.params])]);
    expect(stored).toContain("before\ufffdafter");
    expect(stored).not.toContain("\\u0000");
  });

  it("records a run's failure whose message quotes text PostgreSQL refuses, with U+FFFD in its place", async () => {
    const c = await campaign([["one", [{ type: "http", params: { url: "{{base_url}}/orders/1" } }]]]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "failed with a nul" }, null);
    const opened = await openReportRun(t.db, report.id, { runToken: randomUUID(), staleAfterMs: 10_000, pollMs: 100 });
    expect(await opened!.fail("the server said a\u0000b")).toBe("FAILED");
    opened!.close();
    expect(await t.db.campaignReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "FAILED", error: "the server said a\ufffdb" });
  });

  it("stops at the first failure when asked: the rest is skipped with the reason", async () => {
    const c = await campaign([
      ["broken", [{ type: "http", params: { url: "{{base_url}}/fail", assertions: [{ kind: "status", expected: 200 }] } }]],
      ["never run", [{ type: "delay", params: { ms: 1 } }]],
    ]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "stop", stopOnFailure: true }, null);
    expect(await run(report.id)).toBe("FAILED");
    const rows = await results(report.id);
    expect(rows.map((r) => r.status)).toEqual(["FAILED", "SKIPPED"]);
    expect(rows[1]!.logs.map((l) => l.message)).toEqual(['skipped: stopped at the first failure ("broken" failed)']);
  });

  it("sends an unknown variable as written with a warning (as Newman), times out slow actions and retries them", async () => {
    const c = await campaign([
      ["unknown", [{ type: "http", params: { url: "{{base_url}}/orders/{{app.missing}}" } }]],
      ["slow", [{ type: "http", params: { url: "{{base_url}}/slow" }, timeoutMs: 300, retries: 1 }]],
    ]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "errors" }, null);
    expect(await run(report.id)).toBe("FAILED");
    const [unknown, slow] = await results(report.id);
    expect(unknown!.logs.map((l) => l.message)).toContain("http: unknown variable {{app.missing}}, sent as written");
    expect(api.requests.map((r) => r.url)).toContain("/orders/%7B%7Bapp.missing%7D%7D");
    expect(slow!.logs.filter((l) => l.message === "http: timed out after 300 ms")).toHaveLength(2);
    expect(slow!.logs.map((l) => l.message)).toContain("http: retry 1 of 1");
  });

  it("fences a runner that stalled and was taken over: it writes nothing more and stops", async () => {
    const c = await campaign([
      ["first", [{ type: "delay", params: { ms: 1 } }]],
      ["stalls", [{ type: "delay", params: { ms: 1_500 } }]],
      ["third", [{ type: "http", params: { url: "{{base_url}}/orders/3", assertions: [{ kind: "status", expected: 200 }] } }]],
    ]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "fenced" }, null);
    // The stalled runner's heartbeat never runs (as under SIGSTOP): it cannot notice the takeover.
    const stalled = runReport(t.db, report.id, { runToken: "stalled", staleAfterMs: 10_000, pollMs: 3_600_000 });
    await expect.poll(async () => (await results(report.id))[1]!.status, { timeout: 10_000 }).toBe("RUNNING");
    await t.db.campaignReport.update({ where: { id: report.id }, data: { heartbeatAt: new Date(0) } });
    const taker = runReport(t.db, report.id, { runToken: "taker", staleAfterMs: 10_000, pollMs: 100 });
    expect(await stalled).toBe("NOT_MINE");
    expect(await taker).toBe("COMPLETED");

    const rows = await results(report.id);
    expect(rows.map((r) => r.status)).toEqual(["PASSED", "PASSED", "PASSED"]);
    // Only the taker's lines: the stalled runner's "waiting 1500 ms" was never written.
    expect(rows[1]!.logs.map((l) => l.message)).toEqual(["resumed: the worker running this test stopped", "waiting 1500 ms"]);
    expect(api.requests.filter((r) => r.url === "/orders/3")).toHaveLength(1);
    const completed = await t.db.liveEvent.count({ where: { topic: `report:${report.id}`, type: "test_completed" } });
    expect(completed).toBe(3);
    expect(await t.db.campaignReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "COMPLETED", passed: 3, failed: 0, skipped: 0 });
  });

  it("stops within a second when cancelled, the rest skipped", async () => {
    const c = await campaign([
      ["long", [{ type: "delay", params: { ms: 10_000 } }]],
      ["after", [{ type: "delay", params: { ms: 1 } }]],
    ]);
    const report = await launchReport(t.db, { campaignId: c.id, environmentId, name: "cancel" }, null);
    const running = run(report.id);
    await new Promise((r) => setTimeout(r, 300));
    const asked = Date.now();
    await cancelReport(t.db, report.id);
    expect(await running).toBe("CANCELLED");
    expect(Date.now() - asked).toBeLessThan(1_000);
    expect((await results(report.id)).map((r) => r.status)).toEqual(["SKIPPED", "SKIPPED"]);
  });
});
