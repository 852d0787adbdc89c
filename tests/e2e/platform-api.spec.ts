import { expect, test } from "@playwright/test";
import { loginAsAdmin } from "./helpers/app";

test("/api/health reports the database and the worker heartbeat", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: { ok: true }, worker: { alive: true } });
  expect(body.worker.heartbeatAgeSeconds).toBeLessThan(30);
  // Longer than a reverse proxy's own (60 s), so the proxy never reuses a socket being closed.
  expect(res.headers()["keep-alive"]).toBe("timeout=65");
});

test("/api/metrics exposes queue depth, SSE connections, events published and request durations", async ({ request }) => {
  await request.get("/api/health");
  const text = await (await request.get("/api/metrics")).text();
  for (const name of ["vigie_job_queue_depth", "vigie_sse_connections", "vigie_live_events_published_total", "vigie_http_request_duration_seconds_bucket"]) {
    expect(text).toContain(name);
  }
  expect(text).toMatch(/vigie_http_request_duration_seconds_count\{route="\/api\/health",method="GET",status="200"\} \d+/);
});

test("live events are streamed uncompressed (SSE) even to a client that accepts gzip", async ({ page }) => {
  await loginAsAdmin(page);
  const input = encodeURIComponent(JSON.stringify({ json: { topic: "alerts" } }));
  const result = await page.evaluate(async (url) => {
    const controller = new AbortController();
    // Chromium itself advertises gzip, deflate, br and zstd.
    const res = await fetch(url, { signal: controller.signal });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    controller.abort();
    return { status: res.status, type: res.headers.get("content-type"), encoding: res.headers.get("content-encoding"), first: new TextDecoder().decode(value) };
  }, `/api/trpc/live.subscribe?input=${input}`);
  expect(result.status).toBe(200);
  expect(result.type).toContain("text/event-stream");
  expect(result.encoding).toBeNull();
  expect(result.first).toContain("connected");
});

test("malformed input to the API is a 400 with the field issues, never a 500", async ({ page }) => {
  await loginAsAdmin(page);
  const res = await page.request.post("/api/trpc/users.create", { data: { json: { email: "nope", role: "KING" } } });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.json.data.zodIssues.map((i: { path: string[] }) => i.path[0])).toEqual(expect.arrayContaining(["email", "role", "name", "password"]));
});

test("the shell speaks English on request, remembers the theme and is keyboard navigable", async ({ page }) => {
  await loginAsAdmin(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Aller au contenu" })).toBeFocused();
  await page.getByLabel("Langue").selectOption("en");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("button", { name: "Theme" }).click();
  const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(dark);
  await page.getByLabel("Language").selectOption("fr");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Tableau de bord" })).toBeVisible();
});
