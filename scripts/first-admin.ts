/**
 * npm run db:first-admin — migrates DATABASE_URL (or the embedded cluster) and creates the first
 * administrator when the database has no user yet: what `npm start` does on a fresh install, for
 * deployments that run `start:web` and `start:worker` instead.
 */
import { createDb } from "../src/platform/db/client";
import { migrateDatabase } from "../src/platform/db/migrate";
import { createLogger } from "../src/platform/logger";
import { resolveDatabase } from "./lib/database";
import { createFirstAdminFromEnv } from "./lib/first-admin";

const database = await resolveDatabase();
const db = createDb(database.url, { max: 1 });
try {
  await migrateDatabase(database.url);
  const { created, notice } = await createFirstAdminFromEnv(db, createLogger("first-admin"));
  if (notice) console.log(notice);
  if (!created) console.log("This database already has users: nothing to do.");
} finally {
  await db.$disconnect();
  await database.embedded?.stop();
}
