/**
 * `npm start`: one command runs Vigie. Without DATABASE_URL it starts an embedded PostgreSQL
 * (data kept in .vigie/, or VIGIE_DATA_DIR); then it applies migrations, creates the first admin,
 * builds the web application if needed, starts the web server and the worker as two processes,
 * and stops everything cleanly on Ctrl-C. `npm run dev` does the same with hot reload.
 */
import { existsSync } from "node:fs";
import { createDb } from "../src/platform/db/client";
import { migrateDatabase } from "../src/platform/db/migrate";
import { DatabaseUnreachableError, describeDatabaseUrl, waitForDatabase } from "../src/platform/db/wait-for-database";
import { createLogger } from "../src/platform/logger";
import { energySettings } from "../src/metering/settings";
import { createDemoMeter } from "../src/metering/simulator/demo-meter";
import { getSetting } from "../src/platform/settings/settings";
import { ensureProductionBuild } from "./lib/build";
import { env as config } from "../src/platform/env";
import { dataDir, resolveDatabase } from "./lib/database";
import { createFirstAdminFromEnv } from "./lib/first-admin";
import { loadOrCreateLocalSecrets } from "./lib/local-secrets";
import { startChild, stopChild, waitForHttp, type Supervised } from "./lib/supervisor";

if (existsSync(".env")) process.loadEnvFile(".env");
const dev = process.argv.includes("--dev");
const log = createLogger("start");
const { PORT: port, HOST: host, AUTH_SECRET, VIGIE_SECRET_KEY, VIGIE_DEMO_METER } = config();

async function main() {
  const database = await resolveDatabase();
  const stopDatabase = async () => {
    if (database.embedded) {
      await database.embedded.stop();
      log.info("embedded PostgreSQL stopped");
    }
  };
  if (database.embedded) log.info(`embedded PostgreSQL running (data in ${dataDir()})`);
  else await waitForDatabase(database.url, log);

  const secrets = await loadOrCreateLocalSecrets(dataDir());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: AUTH_SECRET ?? secrets.authSecret,
    VIGIE_SECRET_KEY: VIGIE_SECRET_KEY ?? secrets.secretKey,
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const { applied } = await migrateDatabase(database.url);
  log.info(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date", {
    database: describeDatabaseUrl(database.url),
  });
  const firstAdminNotice = await createFirstAdmin(database.url);
  if (!dev) await ensureProductionBuild((m) => log.info(m));

  const children: Supervised[] = [
    startChild("web", process.execPath, ["--import", "tsx", "src/server/http/main.ts", ...(dev ? ["--dev"] : [])], { ...env, PORT: String(port), HOST: host }),
    startChild("worker", process.execPath, ["--import", "tsx", ...(dev ? ["--watch"] : []), "worker/index.ts"], env),
  ];

  let stopping = false;
  const stopAll = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info(`${reason}: stopping the web server and the worker…`);
    await Promise.all(children.map((c) => stopChild(c, 20_000).then(() => log.info(`${c.name} stopped`))));
    await stopDatabase();
    log.info("Vigie stopped");
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void stopAll("Ctrl-C", 0));
  process.on("SIGTERM", () => void stopAll("SIGTERM", 0));
  for (const c of children) {
    void c.exited.then((code) => void stopAll(`the ${c.name} process exited (code ${code})`, 1));
  }

  await waitForHttp(`http://127.0.0.1:${port}/login`, Promise.race(children.map((c) => c.exited)));
  log.info(`Vigie is running at http://localhost:${port}  (Ctrl-C to stop)`);
  if (firstAdminNotice) console.log(firstAdminNotice);
}

async function createFirstAdmin(databaseUrl: string) {
  const db = createDb(databaseUrl, { max: 1 });
  try {
    const { created, notice } = await createFirstAdminFromEnv(db, log);
    // A fresh install shows live data at once, without hardware: a simulated E450.
    if (created && (await db.meter.count()) === 0 && VIGIE_DEMO_METER !== "0") {
      await createDemoMeter(db, { timezone: await getSetting(db, energySettings.timezone) });
      log.info("demo meter created: a simulated E450 pushing DSMR every 10 s, with eight weeks of history (disable or delete it under Énergie → Compteurs)");
    }
    return notice;
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: Error) => {
  if (err instanceof DatabaseUnreachableError) log.error(err.message);
  else log.error(err.message, { error: err });
  process.exit(1);
});
