import type { Db } from "../platform/db/client";
import type { Prisma } from "../generated/prisma/client";
import { isUniqueViolation } from "../platform/db/pg-error";
import { DomainError } from "../platform/errors";
import { listEnvironmentNames, saveEnvironment } from "./editors";
import { environmentFromPostman, postmanVariablesFileSchema } from "./postman/environment";
import { collectionDescription, collectionImportNotes, collectionRequests, toCollectionV2 } from "./postman/collection";
import { nextFreeName } from "./report-naming";

/** A collection file as a campaign keeps it, or the error saying why it is not one. */
function readCollection(raw: unknown) {
  const v2 = toCollectionV2(raw);
  if (!v2) throw new DomainError("BAD_REQUEST", "not_a_collection", "This is not a Postman collection (v1, v2.0 or v2.1 JSON).");
  const { collection } = v2;
  const requests = collectionRequests(collection);
  if (!requests.length) throw new DomainError("BAD_REQUEST", "collection_empty", "This collection has no request to run.");
  const notes = [
    ...(v2.fromV1 ? [{ item: collection.info.name, what: "a v1 collection, converted to v2.1 as Newman converts it" }] : []),
    ...collectionImportNotes(collection),
  ];
  return { collection, requests, notes, name: collection.info.name || "Postman collection" };
}

/**
 * The campaign a collection file run from the command line is recorded under: the Postman
 * campaign of the collection's name, its collection replaced by the file's (the file is what CI
 * runs), or a new import.
 */
export async function importOrUpdatePostmanCollection(db: Db, raw: unknown) {
  const { collection, requests, notes, name } = readCollection(raw);
  const existing = await db.campaign.findFirst({ where: { name, kind: "POSTMAN" }, select: { id: true } });
  if (!existing) return importPostmanCollection(db, raw);
  await db.campaign.update({
    where: { id: existing.id },
    data: { description: collectionDescription(collection), collection: collection as Prisma.InputJsonValue, importNotes: notes },
  });
  return { campaignId: existing.id, name, requests: requests.length, notes };
}

/**
 * Imports a Postman collection (v2.0 or v2.1) as a Postman campaign: the collection is kept whole
 * (items, scripts, auth, variables, events, order) and run by postman-runtime. What a run in Vigie
 * cannot do as Postman would is listed, stored on the campaign and returned.
 */
export async function importPostmanCollection(db: Db, raw: unknown) {
  const { collection, requests, notes, name } = readCollection(raw);
  for (let attempt = 0; ; attempt++) {
    const taken = await db.campaign.findMany({ where: { name: { startsWith: name } }, select: { name: true } });
    try {
      const saved = await db.campaign.create({
        data: {
          name: nextFreeName(name, new Set(taken.map((c) => c.name))),
          description: collectionDescription(collection),
          kind: "POSTMAN",
          collection: collection as Prisma.InputJsonValue,
          importNotes: notes,
        },
      });
      return { campaignId: saved.id, name: saved.name, requests: requests.length, notes };
    } catch (err) {
      // Another import took the same name meanwhile: pick the next free one.
      if (attempt >= 5 || !isUniqueViolation(err)) throw err;
    }
  }
}

/**
 * Imports a Postman environment or globals file as a Vigie environment (secret variables stay
 * secret, sealed like any other). The name is the file's, made unique as "Name (1)".
 */
export async function importPostmanEnvironment(db: Db, raw: unknown, fileName = "Postman") {
  const { name, variables, skipped } = readEnvironment(raw, fileName);
  const unique = nextFreeName(name, new Set(await listEnvironmentNames(db, name)));
  const saved = await saveEnvironment(db, null, { name: unique, description: "Imported from Postman", variables });
  return { environmentId: saved.id, name: saved.name, variables: variables.length, skipped };
}

function readEnvironment(raw: unknown, fileName: string) {
  const parsed = postmanVariablesFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new DomainError("BAD_REQUEST", "not_an_environment", "This is not a Postman environment or globals file (JSON with a values list).");
  return environmentFromPostman(parsed.data, fileName.replace(/(\.postman_(environment|globals))?\.json$/i, "") || "Postman");
}

/** The environment of a command-line run: the one of the file's name, its variables replaced by the file's, or a new import. */
export async function importOrUpdatePostmanEnvironment(db: Db, raw: unknown, fileName: string) {
  const { name, variables } = readEnvironment(raw, fileName);
  const existing = await db.environment.findUnique({ where: { name }, select: { id: true } });
  const saved = await saveEnvironment(db, existing?.id ?? null, { name, description: "Imported from Postman", variables });
  return { environmentId: saved.id, name: saved.name };
}
