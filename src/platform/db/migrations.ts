import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm";

export const prismaDir = fileURLToPath(new URL("../../../prisma/", import.meta.url));
export const migrationsDir = join(prismaDir, "migrations");
export const schemaPath = join(prismaDir, "schema.prisma");
/** schema.prisma as of the newest migration: the starting point when writing the next one. */
export const snapshotPath = join(migrationsDir, "schema.snapshot.prisma");

export const noSchemaFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

/** The migrations folder in the shape the schema engine reads (what `prisma migrate` builds). */
export async function loadMigrationList(dir = migrationsDir): Promise<MigrationList> {
  const lockfileContent = await readFile(join(dir, "migration_lock.toml"), "utf8").catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true });
  const migrationDirectories = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) => ({
        path: e.name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(join(dir, e.name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (err: Error) => ({ tag: "error" as const, value: err.message }),
          ),
        },
      })),
  );
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockfileContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export async function readSchema(path = schemaPath): Promise<[string, string]> {
  return [path, await readFile(path, "utf8")];
}
