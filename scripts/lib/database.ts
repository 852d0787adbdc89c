import { join, resolve } from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";
import { loadOrCreateLocalSecrets } from "./local-secrets";

export const defaultDataDir = resolve(process.env.VIGIE_DATA_DIR ?? ".vigie");

export type ResolvedDatabase = { url: string; embedded?: EmbeddedDatabase };

/** DATABASE_URL when set; otherwise the embedded cluster in the data folder, started on demand. */
export async function resolveDatabase(dataDir = defaultDataDir): Promise<ResolvedDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const secrets = await loadOrCreateLocalSecrets(dataDir);
  const embedded = await startEmbeddedPostgres({
    dataDir: join(dataDir, "postgres"),
    port: Number(process.env.VIGIE_EMBEDDED_PG_PORT ?? 54329),
    database: "vigie",
    password: secrets.postgresPassword,
  });
  return { url: embedded.url, embedded };
}
