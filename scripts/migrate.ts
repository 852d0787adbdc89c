/** Applies pending migrations to DATABASE_URL (or the embedded cluster). Safe to run any time. */
import { migrateDatabase } from "../src/platform/db/migrate";
import { resolveDatabase } from "./lib/database";

const database = await resolveDatabase();
try {
  const { applied } = await migrateDatabase(database.url);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await database.embedded?.stop();
}
