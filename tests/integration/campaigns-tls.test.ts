import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEnvironments, saveEnvironment } from "../../src/campaigns/editors";
import { importPostmanCollection } from "../../src/campaigns/import";
import { launchReport } from "../../src/campaigns/launch";
import { runReport } from "../../src/campaigns/runner";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

process.env.VIGIE_SECRET_KEY ??= "33".repeat(32);
let t: TestDatabase;
let dir: string;
const pem: Record<string, string> = {};
let plain: Server;
let mutual: Server;
const urlOf = (s: Server) => `https://127.0.0.1:${(s.address() as AddressInfo).port}`;

/** A test CA, a server certificate for 127.0.0.1 it signed, and a client certificate it signed (openssl, as an operator would). */
function makeCertificates() {
  dir = mkdtempSync(join(tmpdir(), "vigie-tls-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Vigie test CA");
  writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  for (const [name, subject, ext] of [
    ["server", "/CN=localhost", ["-extfile", "server.ext"]],
    ["client", "/CN=vigie-client", []],
  ] as const) {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject);
    openssl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", `${name}.pem`, "-days", "2", ...ext);
  }
  for (const file of ["ca.pem", "server.key", "server.pem", "client.key", "client.pem"]) pem[file] = readFileSync(join(dir, file), "utf8");
}

const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const reply: Parameters<typeof createServer>[1] = (req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: true, client: (req.socket as import("node:tls").TLSSocket).getPeerCertificate?.()?.subject?.CN ?? null }));
};

beforeAll(async () => {
  t = await createTestDatabase();
  makeCertificates();
  plain = createServer({ key: pem["server.key"], cert: pem["server.pem"] }, reply);
  mutual = createServer({ key: pem["server.key"], cert: pem["server.pem"], ca: pem["ca.pem"], requestCert: true, rejectUnauthorized: true }, reply);
  await Promise.all([listen(plain), listen(mutual)]);
});
afterAll(async () => {
  plain.close();
  mutual.close();
  rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

const environment = (tls: object) => saveEnvironment(t.db, null, { name: `tls ${randomUUID().slice(0, 8)}`, variables: [], tls });

async function runNative(environmentId: string, url: string) {
  const campaign = await t.db.campaign.create({
    data: {
      name: `tls-${randomUUID()}`,
      tests: {
        create: [
          {
            name: "reach",
            position: 0,
            actions: { create: [{ position: 0, type: "http", params: { url, assertions: [{ kind: "status", expected: 200 }] } }] },
          },
        ],
      },
    },
  });
  const report = await launchReport(t.db, { campaignId: campaign.id, environmentId, name: "tls" }, null);
  await runReport(t.db, report.id, { runToken: randomUUID(), staleAfterMs: 10_000, pollMs: 100 });
  const [result] = await t.db.testResult.findMany({ where: { reportId: report.id }, include: { logs: true } });
  return { status: result!.status, log: result!.logs.map((l) => l.message).join("\n") };
}

describe("TLS per environment", { timeout: 60_000 }, () => {
  it("says why a server's certificate is refused, and trusts it with the environment's CA or when told to accept any", async () => {
    const refused = await runNative((await environment({})).id, `${urlOf(plain)}/x`);
    expect(refused.status).toBe("FAILED");
    expect(refused.log).toMatch(/certificate signed by unknown authority/);
    expect(refused.log).not.toContain("fetch failed");
    expect((await runNative((await environment({ caCert: pem["ca.pem"] })).id, `${urlOf(plain)}/x`)).status).toBe("PASSED");
    expect((await runNative((await environment({ insecure: true })).id, `${urlOf(plain)}/x`)).status).toBe("PASSED");
  });

  it("presents the environment's client certificate to a server that asks for one; its key is sealed and never sent back", async () => {
    expect((await runNative((await environment({ caCert: pem["ca.pem"] })).id, `${urlOf(mutual)}/x`)).status).toBe("FAILED");
    const env = await environment({ caCert: pem["ca.pem"], clientCert: pem["client.pem"], clientKey: pem["client.key"] });
    expect((await runNative(env.id, `${urlOf(mutual)}/x`)).status).toBe("PASSED");

    const stored = await t.db.environment.findUniqueOrThrow({ where: { id: env.id } });
    expect(stored.tlsClientKey).not.toContain("PRIVATE KEY");
    const listed = (await listEnvironments(t.db)).find((e) => e.id === env.id)!;
    expect(JSON.stringify(listed)).not.toContain(stored.tlsClientKey!);
    expect(listed).toMatchObject({ tlsHasClientKey: true, tlsClientCert: pem["client.pem"]!.trim() });
    // Saved again without the key (the form never has it): it is kept.
    await saveEnvironment(t.db, env.id, { name: env.name, variables: [], tls: { caCert: pem["ca.pem"], clientCert: pem["client.pem"], clientKey: null } });
    expect((await t.db.environment.findUniqueOrThrow({ where: { id: env.id } })).tlsClientKey).toBe(stored.tlsClientKey);
    await expect(saveEnvironment(t.db, env.id, { name: env.name, variables: [], tls: { caCert: "not a certificate" } })).rejects.toThrow(/PEM/);
  });

  it("a Postman run uses the environment's CA and client certificate too", async () => {
    const env = await environment({ caCert: pem["ca.pem"], clientCert: pem["client.pem"], clientKey: pem["client.key"] });
    const { campaignId } = await importPostmanCollection(t.db, {
      info: { name: `tls ${randomUUID().slice(0, 8)}`, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
      item: [
        {
          name: "mutual",
          event: [{ listen: "test", script: { exec: ["pm.test('client seen', () => pm.expect(pm.response.json().client).to.eql('vigie-client'));"] } }],
          request: { method: "GET", url: `${urlOf(mutual)}/x` },
        },
      ],
    });
    const report = await launchReport(t.db, { campaignId, environmentId: env.id, name: "pm tls" }, null);
    const end = await runReport(t.db, report.id, { runToken: randomUUID(), staleAfterMs: 10_000, pollMs: 100 });
    const logs = (await t.db.testResult.findMany({ where: { reportId: report.id }, include: { logs: true } })).flatMap((r) => r.logs.map((l) => l.message));
    expect({ end, logs }).toMatchObject({ end: "COMPLETED", logs: expect.arrayContaining(["✓ client seen"]) });
  });
});
