import { join, resolve } from "node:path";

/** Fixed facts about the application the e2e run starts (see playwright.config.ts). */
export const e2e = {
  port: 3100,
  baseUrl: "http://127.0.0.1:3100",
  // Below the kernel's ephemeral range (32768–60999): an outgoing connection can never hold it.
  postgresPort: 25391,
  dataDir: resolve("tests", ".tmp", "e2e-data"),
  authSecret: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  admin: { email: "admin@e2e.test", password: "e2e-admin-password" },
};

export const secretsFile = join(e2e.dataDir, "secrets.json");
