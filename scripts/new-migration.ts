/**
 * Writes the next migration: the SQL that takes the schema of the newest migration (kept in
 * prisma/migrations/schema.snapshot.prisma) to the current prisma/schema.prisma, computed by
 * Prisma's schema engine. Usage: npm run db:migration:new -- <name>
 */
import { mkdir, readFile, writeFile, copyFile } from "node:fs/promises";
import { join } from "node:path";
import { migrationsDir, schemaPath, snapshotPath } from "../src/platform/db/migrations";
import { noSchemaFilter, withSchemaEngine } from "./lib/schema-engine";
import { resolveDatabase } from "./lib/database";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new -- <name in snake_case>");
  process.exit(2);
}

const current = await readFile(schemaPath, "utf8");
const previous = await readFile(snapshotPath, "utf8").catch(() => null);
// The engine connects when it starts, although diffing two schema files reads no database.
const database = await resolveDatabase();
const result = await withSchemaEngine(database.url, [[schemaPath, current]], (engine) =>
  engine.diff({
    from: previous === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: snapshotPath, content: previous }] },
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: current }] },
    script: true,
    exitCode: null,
    filters: noSchemaFilter,
  }),
);
await database.embedded?.stop();

const sql = (result as { stdout?: string }).stdout ?? "";
if (!sql.trim() || sql.includes("This is an empty migration")) {
  console.log("schema.prisma matches the newest migration: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, "migration.sql"), sql);
await writeFile(join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
await copyFile(schemaPath, snapshotPath);
console.log(`Wrote ${dir}/migration.sql`);
