import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { loginAsAdmin, trpcMutation } from "./helpers/app";

test("scripts read energy data, events and settings with API tokens, and export CSV", async ({ page, playwright }) => {
  await loginAsAdmin(page);
  // Some data: a remote meter and a real telegram.
  const meter = await trpcMutation<{ id: string }>(page.request, "meters.create", {
    name: `API ${Date.now()}`,
    protocol: "DSMR",
    transport: "REMOTE",
    pollIntervalSeconds: 10,
  });
  const { token: meterToken } = await trpcMutation<{ token: string }>(page.request, "meters.rotateIngestToken", { id: meter.id });
  const posted = await page.request.post(`/api/v1/meters/${meter.id}/telegrams`, {
    data: readFileSync("tests/fixtures/meter-telegrams/dsmr_parser__v5_iskra_mt382.txt"),
    headers: { authorization: `Bearer ${meterToken}` },
  });
  expect(posted.status()).toBe(200);

  const read = await trpcMutation<{ token: string }>(page.request, "apiTokens.issue", { name: "grafana", scope: "READ" });
  const write = await trpcMutation<{ token: string }>(page.request, "apiTokens.issue", { name: "ansible", scope: "WRITE" });
  const baseURL = new URL(page.url()).origin;
  const anonymous = await playwright.request.newContext({ baseURL });
  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  expect((await anonymous.get("/api/data/current")).status()).toBe(401);
  expect((await anonymous.get("/api/data/current", as("vgt_wrong"))).status()).toBe(401);
  const current = await (await anonymous.get("/api/data/current", as(read.token))).json();
  expect(current.meters.find((m: { meterId: string }) => m.meterId === meter.id)).toMatchObject({ energyImportKwh: 6.825, voltageL1V: 230 });

  const data = await anonymous.get(`/api/data?hours=24&limit=5&meter=${meter.id}&format=csv`, as(read.token));
  expect(data.headers()["content-type"]).toContain("text/csv");
  const lines = (await data.text()).trim().split("\n");
  expect(lines[0]).toMatch(/^meterId,at,energyImportKwh/);
  expect(lines).toHaveLength(2);
  expect((await anonymous.get("/api/data?hours=-1", as(read.token))).status()).toBe(400);

  expect((await (await anonymous.get("/api/events?limit=5", as(read.token))).json()).count).toBeGreaterThanOrEqual(0);
  expect(await (await anonymous.get("/api/stats", as(read.token))).json()).toHaveProperty("last24h.samples");

  // Settings: a READ token cannot write; a WRITE one can, and bad values are refused before any change.
  expect((await anonymous.post("/api/config", { ...as(read.token), data: { "energy.contractLimitW": 12000 } })).status()).toBe(403);
  expect((await anonymous.post("/api/config", { ...as(write.token), data: { "energy.contractLimitW": 12000, "energy.maxThdPct": "lots" } })).status()).toBe(
    400,
  );
  const config = await (await anonymous.get("/api/config", as(read.token))).json();
  expect(config.settings.find((s: { key: string }) => s.key === "energy.contractLimitW").value).toBe(9000);
  const changed = await anonymous.post("/api/config", { ...as(write.token), data: { "energy.contractLimitW": 12000 } });
  expect(changed.status()).toBe(200);
  expect((await changed.json()).settings.find((s: { key: string }) => s.key === "energy.contractLimitW").value).toBe(12000);
  await anonymous.post("/api/config", { ...as(write.token), data: { "energy.contractLimitW": 9000 } });

  const csv = await anonymous.get(`/api/export/readings?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&meter=${meter.id}`, as(read.token));
  expect(csv.headers()["content-disposition"]).toContain("attachment");
  expect((await csv.text()).trim().split("\n")).toHaveLength(2);
  const openapi = await (await anonymous.get("/api/openapi.json")).json();
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/data", "/api/data/current", "/api/events", "/api/stats", "/api/config"]));
  await anonymous.dispose();
  await trpcMutation(page.request, "meters.delete", { id: meter.id });
});
