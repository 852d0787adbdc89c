import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { adoptLocalSecretKey, env } from "../../src/platform/env";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";
import { loadOrCreateLocalSecrets } from "./local-secrets";

/** VIGIE_DATA_DIR, absolute. */
export const dataDir = () => resolve(env().VIGIE_DATA_DIR);

export type ResolvedDatabase = { url: string; embedded?: EmbeddedDatabase };

/** DATABASE_URL when set; otherwise the embedded cluster in the data folder, started on demand. */
export async function resolveDatabase(folder = dataDir()): Promise<ResolvedDatabase> {
  const { DATABASE_URL, VIGIE_EMBEDDED_PG_PORT } = env();
  if (DATABASE_URL) return { url: DATABASE_URL };
  const secrets = await loadOrCreateLocalSecrets(folder);
  adoptLocalSecretKey(secrets.secretKey);
  const embedded = await startEmbeddedPostgres({
    dataDir: join(folder, "postgres"),
    port: VIGIE_EMBEDDED_PG_PORT,
    database: "vigie",
    password: secrets.postgresPassword,
  });
  return { url: embedded.url, embedded };
}

/**
 * A database to record into, when there is one without creating it: DATABASE_URL, or the data
 * folder's embedded cluster (the one `npm start` is running, or started for the time of the run).
 * Null when Vigie was never started here.
 */
export async function existingDatabase(folder = dataDir()): Promise<ResolvedDatabase | null> {
  const { DATABASE_URL, VIGIE_EMBEDDED_PG_PORT } = env();
  if (DATABASE_URL) return { url: DATABASE_URL };
  if (!existsSync(join(folder, "postgres", "PG_VERSION"))) return null;
  const secrets = await loadOrCreateLocalSecrets(folder);
  adoptLocalSecretKey(secrets.secretKey);
  const url = `postgresql://vigie:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${VIGIE_EMBEDDED_PG_PORT}/vigie`;
  const running = new pg.Client({ connectionString: url });
  try {
    await running.connect();
    return { url };
  } catch {
    return resolveDatabase(folder);
  } finally {
    await running.end().catch(() => {});
  }
}
