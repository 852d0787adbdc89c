import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MigrationError, migrateDatabase } from "../../src/platform/db/migrate";
import { migrationsDir, schemaPath, snapshotPath } from "../../src/platform/db/migrations";
import { noSchemaFilter, withSchemaEngine } from "../../scripts/lib/schema-engine";
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
    const rows = await client.query(`SELECT * FROM _prisma_migrations ORDER BY migration_name`);
    await client.end();
    expect(rows.rows.map((r) => r.migration_name)).toEqual(folders);
    // As `prisma migrate deploy` records them: checksum = SHA-256 of the file, one step, finished.
    for (const row of rows.rows) {
      const sha = createHash("sha256")
        .update(await readFile(join(migrationsDir, row.migration_name, "migration.sql")))
        .digest("hex");
      expect(row).toMatchObject({ checksum: sha, applied_steps_count: 1, logs: null, rolled_back_at: null });
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("a failing migration leaves nothing of its script, is recorded as failed, and stops later runs with a clear error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vigie-migrations-"));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      await mkdir(join(dir, "29990101000000_broken"));
      await writeFile(join(dir, "29990101000000_broken", "migration.sql"), 'CREATE TABLE "HalfDone" (id int);\nSELECT no_such_function();\n');
      const url = await emptyDatabase("c");
      await expect(migrateDatabase(url, dir)).rejects.toThrow(/29990101000000_broken failed: function no_such_function\(\) does not exist/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const table = await client.query(`SELECT to_regclass('"HalfDone"') AS t`);
      const failed = await client.query(`SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'`);
      await client.end();
      expect(table.rows[0].t).toBeNull();
      expect(failed.rows).toEqual([{ finished_at: null, logs: expect.stringContaining("no_such_function") }]);
      const again = migrateDatabase(url, dir);
      await expect(again).rejects.toBeInstanceOf(MigrationError);
      await expect(again).rejects.toThrow(/failed earlier/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is idempotent", async () => {
    expect(await migrateDatabase(migratedUrl)).toEqual({ applied: [] });
  });

  it("leaves the database exactly as schema.prisma describes it (no drift)", async () => {
    // The schema engine writes the SQL for schema.prisma from scratch; that database and the
    // migrated one must have the same tables, columns, enums, indexes and constraints.
    const [path, content] = [schemaPath, await readFile(schemaPath, "utf8")];
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

  it("keeps each job's artefacts when they move from the job's id to its key, and still deletes them with their job", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vigie-migrations-"));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      await rm(join(dir, "20261205135120_backup_artefact_job_key"), { recursive: true });
      const url = await emptyDatabase("d");
      await migrateDatabase(url, dir);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`INSERT INTO "BackupJob" ("id", "name", "location", "scheduleKind", "intervalMinutes", "pingToken", "updatedAt")
          VALUES ('job-b', 'b', '/b', 'INTERVAL', 60, gen_random_uuid(), now()), ('job-a', 'a', '/a', 'INTERVAL', 60, gen_random_uuid(), now())`);
        await client.query(`INSERT INTO "BackupArtefact" ("jobId", "path", "size", "mtime")
          VALUES ('job-a', 'a1.tar.gz', 1, now()), ('job-a', 'a2.tar.gz', 2, now()), ('job-b', 'b1.tar.gz', 3, now()), ('job-gone', 'x.tar.gz', 4, now())`);
        await migrateDatabase(url);
        const byJob = async () =>
          (await client.query(`SELECT j."id", a."path" FROM "BackupArtefact" a LEFT JOIN "BackupJob" j ON j."artefactKey" = a."jobKey" ORDER BY a."path"`))
            .rows;
        expect(await byJob()).toEqual([
          { id: "job-a", path: "a1.tar.gz" },
          { id: "job-a", path: "a2.tar.gz" },
          { id: "job-b", path: "b1.tar.gz" },
        ]);
        await client.query(`DELETE FROM "BackupJob" WHERE "id" = 'job-a'`);
        expect(await byJob()).toEqual([{ id: "job-b", path: "b1.tar.gz" }]);
      } finally {
        await client.end();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("has a migration for the current schema.prisma (the snapshot matches)", async () => {
    expect(await readFile(snapshotPath, "utf8")).toBe(await readFile(schemaPath, "utf8"));
  });
});
