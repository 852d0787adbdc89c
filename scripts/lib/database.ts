import { join, resolve } from "node:path";
import { env } from "../../src/platform/env";
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
  const embedded = await startEmbeddedPostgres({
    dataDir: join(folder, "postgres"),
    port: VIGIE_EMBEDDED_PG_PORT,
    database: "vigie",
    password: secrets.postgresPassword,
  });
  return { url: embedded.url, embedded };
}
