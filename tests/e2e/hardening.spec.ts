import { request as http } from "node:http";
import { expect, test } from "@playwright/test";
import { appDb, loginAsAdmin, trpcMutation } from "./helpers/app";
import { e2e } from "./helpers/environment";

/** A raw request (Playwright would re-encode a malformed URL), answered within `timeoutMs` or failed. */
function rawGet(path: string, timeoutMs = 5_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http({ host: "127.0.0.1", port: e2e.port, path, method: "GET", timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

test("malformed URLs and text PostgreSQL cannot store are answered 400 at once", async ({ page, playwright }) => {
  expect(await rawGet("/api/trpc/x%FF")).toBe(400);
  expect(await rawGet("/api/v1/ping/00000000-0000-4000-8000-000000000000?rid=%00")).toBe(400);
  expect(await rawGet("/alerts?x=%ED%A0%80")).toBe(400);

  await loginAsAdmin(page);
  const nul = await page.request.post("/api/trpc/backups.create", { data: { json: { name: "a\u0000b" } } });
  expect(nul.status()).toBe(400);
  expect(JSON.stringify(await nul.json())).toContain("NUL character or an unpaired surrogate");
  const surrogate = await page.request.post("/api/config", { data: `{"site.name": "x\\ud800y"}`, headers: { "content-type": "application/json" } });
  expect(surrogate.status()).toBe(400);

  // A log over 10 MB is refused, not cut.
  const job = await trpcMutation<{ id: string; pingToken: string }>(page.request, "backups.create", {
    name: `big log ${Date.now()}`,
    location: "/tmp",
    pattern: "*.tar",
    scheduleKind: "INTERVAL",
    intervalMinutes: 60,
  });
  const anonymous = await playwright.request.newContext({ baseURL: e2e.baseUrl });
  const tooLarge = await anonymous.post(`/api/v1/ping/${job.pingToken}`, { data: Buffer.alloc(11 * 1024 * 1024, 0x61) });
  expect(tooLarge.status()).toBe(413);
  expect((await anonymous.post(`/api/v1/ping/${job.pingToken}`, { data: "backup done" })).status()).toBe(200);
});

test("a page from another site cannot change settings with the admin's cookie", async ({ page }) => {
  await loginAsAdmin(page);
  const asForm = await page.request.post("/api/config", {
    data: "site.name=evil",
    headers: { "content-type": "text/plain", origin: "http://evil.example", "sec-fetch-site": "same-site" },
  });
  expect(asForm.status()).toBe(403);
  const plain = await page.request.post("/api/config", { data: `{"backups.smallArtefactRatio": 0.4}`, headers: { "content-type": "text/plain" } });
  expect(plain.status()).toBe(415);
  const own = await page.request.post("/api/config", {
    data: { "backups.smallArtefactRatio": 0.4 },
    headers: { origin: e2e.baseUrl, "sec-fetch-site": "same-origin" },
  });
  expect(own.status()).toBe(200);
  // Who changed it is kept.
  const db = await appDb();
  const change = await db.settingChange.findFirstOrThrow({
    where: { settingKey: "backups.smallArtefactRatio" },
    orderBy: { changedAt: "desc" },
    include: { changedBy: true },
  });
  expect(change.changedBy?.email).toBe(e2e.admin.email);
});

test("pages carry a nonce-based Content-Security-Policy and the usual security headers", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await loginAsAdmin(page);
  await page.goto("/energy");
  await expect(page.getByRole("heading").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("signing out revokes the session: a copy of its cookie no longer works", async ({ page, browser }) => {
  await loginAsAdmin(page);
  const cookies = await page.context().cookies();
  await page.goto("/");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext({ baseURL: e2e.baseUrl });
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/alerts");
  await expect(stolen).toHaveURL(/\/login/);
  expect((await thief.request.get("/api/trpc/alerts.unacknowledgedCount")).status()).toBe(401);
  await thief.close();
});
