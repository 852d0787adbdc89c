import pg from "pg";
import { Logger, runMigrations as runWorkerMigrations } from "graphile-worker";
import { withSchemaEngine } from "./schema-engine";
import { loadMigrationList, noSchemaFilter, readSchema } from "./migrations";

/** Any constant shared by every Vigie process; two migrators never run side by side. */
const MIGRATION_LOCK = 0x76696769; // "vigi"

const quietLogger = new Logger(() => () => {});

export type MigrationResult = { applied: string[] };

/**
 * Brings the database to the current schema: Prisma migrations (recorded in _prisma_migrations as
 * `prisma migrate deploy` does) then graphile-worker's own schema. Idempotent, and safe when the
 * web server and the worker start at the same moment: the second waits on an advisory lock and
 * then finds nothing left to apply.
 */
export async function migrateDatabase(databaseUrl: string): Promise<MigrationResult> {
  const lockClient = new pg.Client({ connectionString: databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const migrationsList = await loadMigrationList();
    const { appliedMigrationNames: applied } = await withSchemaEngine(databaseUrl, [await readSchema()], (engine) =>
      engine.applyMigrations({ migrationsList, filters: noSchemaFilter }),
    );
    await runWorkerMigrations({ connectionString: databaseUrl, logger: quietLogger });
    return { applied };
  } finally {
    await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await lockClient.end();
  }
}
