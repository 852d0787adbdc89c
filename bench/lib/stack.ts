import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/embedded-postgres";
import { ensureProductionBuild } from "../../scripts/lib/build";
import { migrateDatabase } from "../../src/platform/db/migrate";

export type BenchDatabase = EmbeddedDatabase & { dataDir: string; cleanup(): Promise<void> };

/** A throw-away embedded PostgreSQL, migrated. */
export async function benchDatabase(name: string, settings: Record<string, string> = {}): Promise<BenchDatabase> {
  const dataDir = resolve("bench", ".tmp", `${name}-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "vigie", password: "bench", settings });
  await migrateDatabase(pg.url);
  return {
    ...pg,
    dataDir,
    async cleanup() {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type WebServer = { child: ChildProcess; url: string; stop(): Promise<void> };

/** The production web server (built first if needed), as `npm start` runs it, against `databaseUrl`. */
export async function startWebServer(databaseUrl: string, env: Record<string, string> = {}): Promise<WebServer> {
  await ensureProductionBuild((m) => console.error(m));
  const port = await freePort();
  // SIGUSR2 makes it write a heap snapshot: benchmarks measure the live heap from it.
  const child = spawn(process.execPath, ["--heapsnapshot-signal=SIGUSR2", "--import", "tsx", "src/server/http/main.ts"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/login`)).ok) break;
    } catch {
      if (i > 600) throw new Error("web server did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    stop: () =>
      new Promise((r) => {
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}

export const benchTmp = (name: string) => join("bench", ".tmp", name);
