import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCampaign, saveCampaign } from "../../src/campaigns/editors";
import { exportReport } from "../../src/campaigns/exports";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listEnvironments } from "../../src/campaigns/editors";
import { importPostmanCollection, importPostmanEnvironment } from "../../src/campaigns/import";
import { cancelReport, launchReport } from "../../src/campaigns/launch";
import { runReport } from "../../src/campaigns/runner";
import { SecretBox } from "../../src/platform/secret-box";
import { DomainError } from "../../src/platform/errors";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { startEchoServer } from "./helpers/echo-server";
import { spawnTs } from "./helpers/processes";

process.env.VIGIE_SECRET_KEY ??= "22".repeat(32);
const TOKEN = "pm-s3cret-token";
let t: TestDatabase;
let echo: Awaited<ReturnType<typeof startEchoServer>>;
let environmentId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  echo = await startEchoServer();
  const env = await t.db.environment.create({
    data: {
      name: "echo",
      variables: {
        create: [
          { key: "baseUrl", value: echo.url },
          { key: "token", value: new SecretBox(process.env.VIGIE_SECRET_KEY!).seal(TOKEN), secret: true },
        ],
      },
    },
  });
  environmentId = env.id;
});
afterAll(async () => {
  await echo.close();
  await t.drop();
});

const script = (listen: "test" | "prerequest", ...exec: string[]) => ({ listen, script: { type: "text/javascript", exec } });
/** A collection with what a converter would lose: collection variables and auth, a pre-request script, chained variables, a folder. */
const collection = (name = `Shop ${randomUUID().slice(0, 8)}`) => ({
  info: { name, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  variable: [{ key: "sku", value: "A-42" }],
  auth: { type: "bearer", bearer: [{ key: "token", value: "{{token}}", type: "string" }] },
  item: [
    {
      name: "Create order",
      event: [
        script("prerequest", "pm.variables.set('qty', 3);"),
        script(
          "test",
          "pm.test('created', () => pm.response.to.have.status(200));",
          "pm.test('sent the sku', () => pm.expect(pm.response.json().json.sku).to.eql('A-42'));",
          "pm.test('sent the bearer', () => pm.expect(pm.response.json().headers.authorization).to.eql('Bearer ' + pm.environment.get('token')));",
          "pm.environment.set('orderRef', pm.response.json().json.sku + '-' + pm.response.json().json.qty);",
          "console.log('token is', pm.environment.get('token'));",
        ),
      ],
      request: {
        method: "POST",
        url: "{{baseUrl}}/post",
        header: [{ key: "Content-Type", value: "application/json" }],
        body: { mode: "raw", raw: '{"sku":"{{sku}}","qty":{{qty}}}' },
      },
    },
    {
      name: "Orders",
      item: [
        {
          name: "Read back",
          event: [script("test", "pm.test('chained', () => pm.expect(pm.response.json().args.ref).to.eql('A-42-3'));")],
          request: { method: "GET", url: "{{baseUrl}}/get?ref={{orderRef}}&key={{token}}" },
        },
        {
          name: "Wrong on purpose",
          event: [script("test", "pm.test('is 200', () => pm.response.to.have.status(200));")],
          request: { method: "GET", url: "{{baseUrl}}/status/404" },
        },
      ],
    },
  ],
});

const run = (reportId: string) => runReport(t.db, reportId, { runToken: randomUUID(), staleAfterMs: 10_000, pollMs: 100 });
const results = (reportId: string) =>
  t.db.testResult.findMany({ where: { reportId }, orderBy: { position: "asc" }, include: { logs: { orderBy: { id: "asc" } } } });

describe("a Postman campaign", { timeout: 60_000 }, () => {
  it("keeps the collection whole on import and lists its requests in run order", async () => {
    const imported = await importPostmanCollection(t.db, collection("Kept whole"));
    expect(imported).toMatchObject({ name: "Kept whole", requests: 3, notes: [] });
    const stored = await t.db.campaign.findUniqueOrThrow({ where: { id: imported.campaignId } });
    expect(stored.kind).toBe("POSTMAN");
    expect(stored.collection).toEqual(collection("Kept whole"));
    const page = await getCampaign(t.db, imported.campaignId);
    expect(page.requests.map((r) => [r.path, r.method, r.url, r.scripts])).toEqual([
      ["Create order", "POST", "{{baseUrl}}/post", 2],
      ["Orders / Read back", "GET", "{{baseUrl}}/get?ref={{orderRef}}&key={{token}}", 1],
      ["Orders / Wrong on purpose", "GET", "{{baseUrl}}/status/404", 1],
    ]);
    expect(page).not.toHaveProperty("collection");
    // Its requests are the collection's: the native editor cannot replace them.
    await expect(saveCampaign(t.db, imported.campaignId, { name: "Kept whole", tests: [{ name: "x", actions: [] }] })).rejects.toThrow(
      /import the collection again/,
    );
    await expect(importPostmanCollection(t.db, { info: { name: "no items" } })).rejects.toThrow(/not a Postman collection/);
  });

  it("refuses a collection nested thousands deep with a clear error, and takes folders 64 deep", async () => {
    const nested = (depth: number) => {
      let item: object = { name: "leaf", request: { method: "GET", url: "{{baseUrl}}/get" } };
      for (let i = 0; i < depth; i++) item = { name: `f${i}`, item: [item] };
      return { info: { name: `nested ${depth}` }, item: [item] };
    };
    // It exhausted the stack of the schema check (a RangeError, answered as a server error).
    const refused = await importPostmanCollection(t.db, nested(5_000)).catch((err: DomainError) => err);
    expect(refused).toBeInstanceOf(DomainError);
    expect([(refused as DomainError).kind, (refused as DomainError).code, (refused as DomainError).params]).toEqual([
      "BAD_REQUEST",
      "collection_too_deep",
      { max: 200 },
    ]);
    const kept = await importPostmanCollection(t.db, nested(64));
    expect(kept.requests).toBe(1);
  });

  it("lists and stores what a run cannot do as Postman would", async () => {
    const definition = collection("With a file");
    definition.item.push({
      name: "Upload",
      request: { method: "POST", url: "{{baseUrl}}/post", body: { mode: "formdata", formdata: [{ key: "f", type: "file", src: "/home/me/a.csv" }] } },
    } as never);
    const imported = await importPostmanCollection(t.db, definition);
    expect(imported.notes).toEqual([
      {
        item: "Upload",
        code: "form_uploads_file",
        params: { field: "f", src: "/home/me/a.csv" },
        what: 'form field "f" uploads /home/me/a.csv, which is not in the collection: sent without it',
      },
    ]);
    expect((await getCampaign(t.db, imported.campaignId)).importNotes).toEqual(imported.notes);
  });

  it("runs with Postman's engine: one result per request with its assertions, events per request and per assertion, secrets masked, an alert when it fails", async () => {
    const { campaignId } = await importPostmanCollection(t.db, collection());
    const report = await launchReport(t.db, { campaignId, environmentId, name: "pm run" }, null);
    expect(report.total).toBe(3);
    expect(await run(report.id)).toBe("FAILED");
    const rows = await results(report.id);
    expect(rows.map((r) => [r.testName, r.status])).toEqual([
      ["Create order", "PASSED"],
      ["Orders / Read back", "PASSED"],
      ["Orders / Wrong on purpose", "FAILED"],
    ]);
    expect(rows.map((r) => (r.assertions as { ok: boolean }[]).map((a) => a.ok))).toEqual([[true, true, true], [true], [false]]);
    const logText = rows.flatMap((r) => r.logs.map((l) => l.message)).join("\n");
    expect(logText).toContain("token is ••••");
    expect(logText).toMatch(/✗ is 200: expected response to have status code 200 but got 404/);
    expect(logText).not.toContain(TOKEN);
    expect(await t.db.campaignReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
      status: "FAILED",
      passed: 2,
      failed: 1,
      skipped: 0,
      progress: 100,
    });

    const events = await t.db.liveEvent.findMany({ where: { topic: `report:${report.id}` }, orderBy: { id: "asc" } });
    const types = events.map((e) => e.type);
    expect(types.filter((x) => x === "test_started")).toHaveLength(3);
    expect(types.filter((x) => x === "test_completed")).toHaveLength(3);
    expect(types.filter((x) => x === "assertion_completed")).toHaveLength(5);
    expect(types.at(0)).toBe("campaign_started");
    expect(types.at(-1)).toBe("campaign_completed");
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(TOKEN);

    let junit = "";
    for await (const chunk of exportReport(t.db, report.id, "junit")) junit += chunk;
    expect(junit).toContain('tests="5" failures="1" errors="0" skipped="0"');
    expect(junit).toContain('<testcase classname="Orders" name="Wrong on purpose / is 200"');
    expect(junit).toMatch(/<testcase classname="Shop [^"]+" name="Create order \/ created"/);
    let json = "";
    for await (const chunk of exportReport(t.db, report.id, "json")) json += chunk;
    const exportedResults = JSON.parse(json).results as { logs: { code?: string; params?: unknown; message: string }[] }[];
    expect(exportedResults).toHaveLength(3);
    expect(exportedResults.flatMap((r) => r.logs)).toContainEqual(
      expect.objectContaining({ code: "check_passed", params: { name: "created" }, message: "✓ created" }),
    );
    for (const exported of [junit, json])
      for (const form of [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString("base64")]) expect(exported).not.toContain(form);

    const alert = await t.db.alert.findFirstOrThrow({ where: { sourceKind: "CAMPAIGN", sourceId: campaignId } });
    expect(alert).toMatchObject({ type: "campaign_run_failed", severity: "ERROR" });
  });

  it("runs with the iterations, data file and globals chosen at launch, as Newman's -n, -d and -g; globals sealed at rest", async () => {
    const definition = {
      info: { name: `Data ${randomUUID().slice(0, 8)}`, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
      item: [
        {
          name: "Echo a row",
          event: [
            script(
              "test",
              "pm.test('row and global sent', () => pm.expect(pm.response.json().args).to.eql({ sku: pm.iterationData.get('sku'), g: 'global-value' }));",
            ),
          ],
          request: { method: "GET", url: "{{baseUrl}}/get?sku={{sku}}&g={{greeting}}" },
        },
      ],
    };
    const { campaignId } = await importPostmanCollection(t.db, definition);
    const globals = { values: [{ key: "greeting", value: "global-value", type: "secret", enabled: true }] };
    const report = await launchReport(
      t.db,
      { campaignId, environmentId, name: "pm data", postman: { dataFile: { name: "rows.csv", text: "sku\nA-1\nB-2\n" }, globals } },
      null,
    );
    expect(report.total).toBe(2);
    expect(JSON.stringify(report.runOptions)).not.toContain("global-value");
    expect(await run(report.id)).toBe("COMPLETED");
    // Each iteration's request carried its row and the global (the collection's own test checks them).
    const rows = await results(report.id);
    expect(rows.map((r) => r.status)).toEqual(["PASSED", "PASSED"]);
    expect(rows.flatMap((r) => r.logs.map((l) => l.message)).join("\n")).toMatch(/sku=A-1[\s\S]*sku=B-2/);
    const counted = await launchReport(
      t.db,
      { campaignId, environmentId, name: "pm n", postman: { iterationCount: 3, dataFile: { name: "rows.json", text: '[{"sku":"C"}]' } } },
      null,
    );
    expect(counted.total).toBe(3);
    await expect(
      launchReport(t.db, { campaignId, environmentId, name: "pm bad", postman: { dataFile: { name: "rows.json", text: '{"sku":1}' } } }, null),
    ).rejects.toMatchObject({
      code: "data_file_invalid",
    });
  });

  it("stops at the first failure when asked, counting the requests not run as skipped", async () => {
    const definition = collection();
    definition.item.unshift({
      name: "Fails first",
      event: [script("test", "pm.test('nope', () => pm.expect(1).to.eql(2));")],
      request: { method: "GET", url: "{{baseUrl}}/get" },
    } as never);
    const { campaignId } = await importPostmanCollection(t.db, definition);
    const report = await launchReport(t.db, { campaignId, environmentId, name: "pm bail", stopOnFailure: true }, null);
    expect(await run(report.id)).toBe("FAILED");
    expect(await t.db.campaignReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ failed: 1, passed: 0, skipped: 3 });
  });

  it("is cancelled by a user while it runs", async () => {
    const definition = collection();
    definition.item.splice(1, 0, { name: "Slow", request: { method: "GET", url: "{{baseUrl}}/delay/3" } } as never);
    const { campaignId } = await importPostmanCollection(t.db, definition);
    const report = await launchReport(t.db, { campaignId, environmentId, name: "pm cancel" }, null);
    const running = run(report.id);
    for (let i = 0; i < 200 && (await t.db.testResult.count({ where: { reportId: report.id, testName: "Slow" } })) === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    await cancelReport(t.db, report.id);
    expect(await running).toBe("CANCELLED");
    const rows = await results(report.id);
    expect(rows.map((r) => r.testName)).not.toContain("Orders / Read back");
  });

  it("resumes after its worker died: replays the collection, keeps the stored results, writes the rest once", async () => {
    const { campaignId } = await importPostmanCollection(t.db, collection());
    const report = await launchReport(t.db, { campaignId, environmentId, name: "pm resume" }, null, { queue: false });
    // A runner that died after its first request: its result stored, its heartbeat old.
    const kept = await t.db.testResult.create({
      data: { reportId: report.id, testName: "Create order", position: 0, status: "PASSED", assertions: [{ name: "from before", ok: true }] },
    });
    await t.db.campaignReport.update({
      where: { id: report.id },
      data: { status: "RUNNING", runToken: "dead", heartbeatAt: new Date(Date.now() - 60_000), startedAt: new Date(), passed: 1 },
    });
    expect(await run(report.id)).toBe("FAILED");
    const rows = await results(report.id);
    expect(rows.map((r) => [r.position, r.status])).toEqual([
      [0, "PASSED"],
      [1, "PASSED"],
      [2, "FAILED"],
    ]);
    expect(rows[0]).toMatchObject({ id: kept.id, assertions: [{ name: "from before", ok: true }] });
    expect(rows[1]!.logs[0]!.message).toMatch(/^resumed: the collection was replayed from its start/);
    expect(await t.db.campaignReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ passed: 2, failed: 1 });
  });

  it("stops writing when another runner took the report over", async () => {
    const definition = collection();
    definition.item.splice(1, 0, { name: "Slow", request: { method: "GET", url: "{{baseUrl}}/delay/2" } } as never);
    const { campaignId } = await importPostmanCollection(t.db, definition);
    const report = await launchReport(t.db, { campaignId, environmentId, name: "pm fenced" }, null, { queue: false });
    const running = run(report.id);
    for (let i = 0; i < 200 && (await t.db.testResult.count({ where: { reportId: report.id, testName: "Slow" } })) === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    await t.db.campaignReport.update({ where: { id: report.id }, data: { runToken: "another" } });
    expect(await running).toBe("NOT_MINE");
    const rows = await results(report.id);
    expect(rows.map((r) => r.testName)).toEqual(["Create order", "Slow"]);
    expect(rows[1]!.status).toBe("RUNNING");
  });
});

describe("Postman environments and globals", { timeout: 60_000 }, () => {
  const file = (name: string | undefined, scope: "environment" | "globals") => ({
    ...(name ? { name } : {}),
    _postman_variable_scope: scope,
    values: [
      { key: "base url", value: "http://api.local", type: "default", enabled: true },
      { key: "api-key", value: "k3y-very-secret", type: "secret", enabled: true },
      { key: "retries", value: 3, enabled: true },
      { key: "old", value: "x", enabled: false },
    ],
  });

  it("import as environments: secret type kept and sealed, any Postman name, values as text, disabled ones named", async () => {
    const imported = await importPostmanEnvironment(t.db, file("Staging", "environment"), "staging.postman_environment.json");
    expect(imported).toMatchObject({ name: "Staging", variables: 3, skipped: ["old"] });
    const listed = (await listEnvironments(t.db)).find((e) => e.id === imported.environmentId)!;
    expect(listed.variables).toEqual([
      { key: "api-key", secret: true, value: "••••" },
      { key: "base url", secret: false, value: "http://api.local" },
      { key: "retries", secret: false, value: "3" },
    ]);
    const stored = await t.db.environmentVariable.findFirstOrThrow({ where: { environmentId: imported.environmentId, key: "api-key" } });
    expect(stored.value).not.toContain("k3y-very-secret");
    // Named after the file when it has no name; "Globals" for a globals file; made unique.
    expect((await importPostmanEnvironment(t.db, file(undefined, "environment"), "prod.postman_environment.json")).name).toBe("prod");
    expect((await importPostmanEnvironment(t.db, file(undefined, "globals"), "workspace.postman_globals.json")).name).toBe("Globals");
    expect((await importPostmanEnvironment(t.db, file("Staging", "environment"), "x.json")).name).toBe("Staging (1)");
  });

  it("refuses what is not one, and a secret too short to mask", async () => {
    await expect(importPostmanEnvironment(t.db, { item: [] }, "x.json")).rejects.toThrow(/not a Postman environment/);
    await expect(importPostmanEnvironment(t.db, { name: "Short", values: [{ key: "pin", value: "12", type: "secret" }] }, "x.json")).rejects.toThrow(
      /at least 4 characters/,
    );
  });

  it("npm run campaign -- import <file>: a collection becomes a campaign, an environment file an environment", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vigie-import-"));
    const collectionFile = join(dir, "shop.postman_collection.json");
    const environmentFile = join(dir, "cli.postman_environment.json");
    await writeFile(collectionFile, JSON.stringify(collection("From the CLI")));
    await writeFile(environmentFile, JSON.stringify(file(undefined, "environment")));
    const importing = (path: string) => {
      const cli = spawnTs("scripts/campaign.ts", { DATABASE_URL: t.url }, ["import", path]);
      return cli.exited.then((code) => ({ code, output: cli.output() }));
    };
    expect(await importing(collectionFile)).toMatchObject({ code: 0, output: expect.stringContaining('Campaign "From the CLI": 3 request(s), kept whole') });
    expect(await importing(environmentFile)).toMatchObject({ code: 0, output: expect.stringContaining('Environment "cli": 3 variable(s)') });
    await writeFile(join(dir, "bad.json"), "{ not json");
    expect((await importing(join(dir, "bad.json"))).code).toBe(2);
    expect(await t.db.campaign.count({ where: { name: "From the CLI", kind: "POSTMAN" } })).toBe(1);
  });
});
