import { defineConfig } from "@playwright/test";
import { e2e } from "./tests/e2e/helpers/environment";

/**
 * End-to-end tests in Debian's Chromium against the real application, started by the same
 * script as `npm start` (embedded PostgreSQL in a fresh folder, production build, worker).
 */
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One application and one database for the run; tests make their own users and data.
  workers: 1,
  reporter: [["list"]],
  outputDir: "tests/.tmp/e2e-results",
  use: {
    baseURL: e2e.baseUrl,
    locale: "fr-FR",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node --import tsx tests/e2e/serve.ts",
    url: `${e2e.baseUrl}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGINT", timeout: 30_000 },
    stdout: "pipe",
    env: {
      PORT: String(e2e.port),
      VIGIE_DATA_DIR: e2e.dataDir,
      VIGIE_EMBEDDED_PG_PORT: String(e2e.postgresPort),
      VIGIE_ADMIN_EMAIL: e2e.admin.email,
      VIGIE_ADMIN_PASSWORD: e2e.admin.password,
      AUTH_SECRET: e2e.authSecret,
      VIGIE_HEARTBEAT_SECONDS: "2",
      // The demo meter's random incidents would raise alerts the alert tests do not expect.
      VIGIE_DEMO_METER: "0",
      DATABASE_URL: "",
    },
  },
});
