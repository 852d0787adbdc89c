import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/embedded-postgres";
import { createDb } from "../../src/platform/db/client";
import { migrateDatabase } from "../../src/platform/db/migrate";
import { ensureFirstAdmin } from "../../src/platform/users/users";
import { run, signalGroup, waitForOutput, type Running } from "./helpers/processes";

test.describe.configure({ timeout: 180_000 });

/**
 * A second Vigie (web server and worker as `npm start` runs them) on a PostgreSQL this test owns,
 * so it can restart the database under them.
 */
test("the web server and the worker recover by themselves when PostgreSQL restarts", async ({ page }) => {
  const dataDir = resolve("tests", ".tmp", "resilience-pg");
  await rm(dataDir, { recursive: true, force: true });
  const pgPort = await freePort();
  const startPg = () => startEmbeddedPostgres({ dataDir, port: pgPort, database: "vigie", password: "resilience" });
  let pg: EmbeddedDatabase = await startPg();
  await migrateDatabase(pg.url);
  const db = createDb(pg.url, { max: 1 });
  await ensureFirstAdmin(db, { email: "admin@resilience.test", password: "resilience-password" });
  await db.$disconnect();

  const port = 3103;
  const env = {
    DATABASE_URL: pg.url,
    AUTH_SECRET: "resilience-secret-resilience-secret-00",
    NODE_ENV: "production",
    VIGIE_HEARTBEAT_SECONDS: "1",
    PORT: String(port),
  };
  const web: Running = run(process.execPath, ["--import", "tsx", "src/server/http/main.ts"], env);
  const worker: Running = run(process.execPath, ["--import", "tsx", "worker/index.ts"], env);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForOutput(web, /listening on/, 60_000);
    await waitForOutput(worker, /worker started/, 60_000);
    await page.goto(`${base}/login`);
    await page.getByLabel("E-mail").fill("admin@resilience.test");
    await page.getByLabel("Mot de passe").fill("resilience-password");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    await page.goto(`${base}/admin/system`);
    const beat = page.getByTestId("last-heartbeat");
    await expect(beat).not.toHaveAttribute("data-value", "");

    await pg.stop();
    const down = await page.request.get(`${base}/api/health`);
    expect(down.status()).toBe(503);
    expect((await down.json()).status).toBe("down");
    await new Promise((r) => setTimeout(r, 1_000));
    pg = await startPg();
    const restartedAt = Date.now();

    await expect.poll(async () => (await page.request.get(`${base}/api/health`)).status(), { timeout: 30_000 }).toBe(200);
    await expect
      .poll(
        async () => {
          const health = await (await page.request.get(`${base}/api/health`)).json();
          return health.worker?.lastHeartbeatAt ? new Date(health.worker.lastHeartbeatAt).getTime() : 0;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(restartedAt);
    // The open page keeps following the heartbeat over its live stream, with no reload.
    await expect.poll(async () => new Date((await beat.getAttribute("data-value")) ?? 0).getTime(), { timeout: 45_000 }).toBeGreaterThan(restartedAt);
    expect(web.child.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();
  } finally {
    await test.info().attach("web.log", { body: web.output() });
    await test.info().attach("worker.log", { body: worker.output() });
    console.log(`WEB\n${web.output().slice(-3000)}\nWORKER\n${worker.output().slice(-3000)}`);
    signalGroup(worker, "SIGTERM");
    signalGroup(web, "SIGTERM");
    await Promise.all([worker.exited, web.exited]);
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
