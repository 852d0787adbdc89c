import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { importPostmanCollection, importPostmanEnvironment } from "../../src/campaigns/import";
import { isPostmanVariablesFile } from "../../src/campaigns/postman/environment";
import { createDb } from "../../src/platform/db/client";
import { DomainError } from "../../src/platform/errors";
import { resolveDatabase } from "./database";

/**
 * `npm run campaign -- import <file.json>`: a Postman collection becomes a campaign, an
 * environment or globals file an environment. Exit 0 when imported, 2 when the file is refused.
 */
export async function importFile(path: string | undefined): Promise<number> {
  if (!path) {
    console.error("Usage: npm run campaign -- import <collection.json | environment.json | globals.json>");
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    console.error(`${path}: ${(err as Error).message}`);
    return 2;
  }
  const database = await resolveDatabase();
  const db = createDb(database.url, { max: 2 });
  try {
    if (isPostmanVariablesFile(json)) {
      const imported = await importPostmanEnvironment(db, json, basename(path));
      console.log(`Environment "${imported.name}": ${imported.variables} variable(s)`);
      if (imported.skipped.length) console.log(`Disabled, not imported: ${imported.skipped.join(", ")}`);
    } else {
      const imported = await importPostmanCollection(db, json);
      console.log(`Campaign "${imported.name}": ${imported.requests} request(s), kept whole`);
      for (const note of imported.notes) console.log(`! ${note.item}: ${note.what}`);
    }
    return 0;
  } catch (err) {
    console.error(err instanceof DomainError ? err.message : err);
    return err instanceof DomainError ? 2 : 1;
  } finally {
    await db.$disconnect();
    await database.embedded?.stop();
  }
}
