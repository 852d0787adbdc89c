import { rm } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../src/platform/db/migrate";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { adminUrl: string; template: string };
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL for the run: TEST_DATABASE_URL (any database on the server to use) when set,
 * otherwise an embedded one. A migrated template database is made once; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  const dataDir = join("tests", ".tmp", `pg-${process.pid}`);
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres", password: "vigie-test" });
    adminUrl = embedded.adminUrl;
  }
  const template = `vigie_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await migrateDatabase(withDatabase(adminUrl, template));
  await admin.end();
  project.provide("postgres", { adminUrl, template });

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const leftovers = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `vigie_test_${process.pid}_%`,
    ]);
    for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await client.end();
    if (embedded) {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
}
