import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const prismaDir = fileURLToPath(new URL("../../../prisma/", import.meta.url));
export const migrationsDir = join(prismaDir, "migrations");
export const schemaPath = join(prismaDir, "schema.prisma");
/** schema.prisma as of the newest migration: the starting point when writing the next one. */
export const snapshotPath = join(migrationsDir, "schema.snapshot.prisma");

export type MigrationFile = { name: string; sql: string; checksum: string };

/** Every folder's migration.sql, oldest first, with the checksum Prisma records (SHA-256 of the file, hex). */
export async function readMigrations(dir = migrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}
