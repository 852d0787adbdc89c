import { readdir, readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateDatabase } from "../../src/platform/db/migrate";
import { migrationsDir, noSchemaFilter, readSchema, schemaPath, snapshotPath } from "../../src/platform/db/migrations";
import { withSchemaEngine } from "../../src/platform/db/schema-engine";
import { describePublicSchema } from "./helpers/schema-catalog";

const { adminUrl } = inject("postgres");
const created: string[] = [];

async function emptyDatabase(label: string): Promise<string> {
  const name = `vigie_mig_${label}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("migrations", () => {
  let migratedUrl: string;
  let results: { applied: string[] }[];

  beforeAll(async () => {
    migratedUrl = await emptyDatabase("a");
    // The web server and the worker may start at the same instant.
    results = await Promise.all([migrateDatabase(migratedUrl), migrateDatabase(migratedUrl), migrateDatabase(migratedUrl)]);
  });

  it("applies every migration exactly once when several processes migrate at the same moment", async () => {
    const folders = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(results.flatMap((r) => r.applied).sort()).toEqual(folders);
    const client = new pg.Client({ connectionString: migratedUrl });
    await client.connect();
    const rows = await client.query(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`);
    await client.end();
    expect(rows.rows.map((r) => r.migration_name)).toEqual(folders);
    expect(rows.rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("is idempotent", async () => {
    expect(await migrateDatabase(migratedUrl)).toEqual({ applied: [] });
  });

  it("leaves the database exactly as schema.prisma describes it (no drift)", async () => {
    // The schema engine writes the SQL for schema.prisma from scratch; that database and the
    // migrated one must have the same tables, columns, enums, indexes and constraints.
    const [path, content] = await readSchema();
    const fromScratchUrl = await emptyDatabase("b");
    const { stdout } = (await withSchemaEngine(fromScratchUrl, [[path, content]], (engine) =>
      engine.diff({
        from: { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path, content }] },
        script: true,
        exitCode: null,
        filters: noSchemaFilter,
      }),
    )) as { stdout: string };
    const client = new pg.Client({ connectionString: fromScratchUrl });
    await client.connect();
    await client.query(stdout);
    await client.end();

    expect(await describePublicSchema(migratedUrl)).toEqual(await describePublicSchema(fromScratchUrl));
  });

  it("has a migration for the current schema.prisma (the snapshot matches)", async () => {
    expect(await readFile(snapshotPath, "utf8")).toBe(await readFile(schemaPath, "utf8"));
  });
});
