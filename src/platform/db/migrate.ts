import { randomUUID } from "node:crypto";
import pg from "pg";
import { Logger, runMigrations as runWorkerMigrations } from "graphile-worker";
import { migrationsDir, readMigrations } from "./migrations";

/** Any constant shared by every Vigie process; two migrators never run side by side. */
const MIGRATION_LOCK = 0x76696769; // "vigi"

const quietLogger = new Logger(() => () => {});

export type MigrationResult = { applied: string[] };

export class MigrationError extends Error {}

// The table `prisma migrate` keeps, column for column, so either tool can take over from the other.
const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Brings the database to the current schema: the committed Prisma migrations, recorded in
 * _prisma_migrations as `prisma migrate deploy` records them, then graphile-worker's own schema.
 * Idempotent, and safe when the web server and the worker start at the same moment: the second
 * waits on an advisory lock and then finds nothing left to apply.
 */
export async function migrateDatabase(databaseUrl: string, dir = migrationsDir): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const applied = await applyMigrations(client, dir);
    await runWorkerMigrations({ connectionString: databaseUrl, logger: quietLogger });
    return { applied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

async function applyMigrations(client: pg.Client, dir: string): Promise<string[]> {
  await client.query(CREATE_HISTORY);
  const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
    `SELECT migration_name, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const failed = rows.find((r) => r.finished_at === null);
  if (failed)
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and the database may be half-changed: fix it by hand, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}') or resolved`,
    );
  const done = new Set(rows.map((r) => r.migration_name));
  const applied: string[] = [];
  for (const migration of await readMigrations(dir)) {
    if (done.has(migration.name)) continue;
    const id = randomUUID();
    await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [id, migration.checksum, migration.name]);
    try {
      // The simple query protocol runs the whole script as one implicit transaction, as Prisma does:
      // a failing statement leaves nothing of the script behind.
      await client.query(migration.sql);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
      throw new MigrationError(`Migration ${migration.name} failed: ${message}`);
    }
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    applied.push(migration.name);
  }
  return applied;
}
