import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export type LocalSecrets = {
  postgresPassword: string;
  authSecret: string;
  secretKey: string;
};

/**
 * Secrets a fresh install needs before anyone has configured anything: generated once, kept in
 * the data folder (mode 0600), so sessions and encrypted values survive restarts.
 */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, "secrets.json");
  const existing = (await readFile(file, "utf8").then(JSON.parse, () => null)) as Partial<LocalSecrets> | null;
  const secrets: LocalSecrets = {
    postgresPassword: existing?.postgresPassword ?? randomBytes(18).toString("base64url"),
    authSecret: existing?.authSecret ?? randomBytes(32).toString("base64url"),
    secretKey: existing?.secretKey ?? randomBytes(32).toString("hex"),
  };
  if (JSON.stringify(existing) !== JSON.stringify(secrets)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
