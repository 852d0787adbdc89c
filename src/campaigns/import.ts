import type { Db } from "../platform/db/client";
import type { Prisma } from "../generated/prisma/client";
import { isUniqueViolation } from "../platform/db/pg-error";
import { DomainError } from "../platform/errors";
import { listEnvironmentNames, saveEnvironment } from "./editors";
import { environmentFromPostman, postmanVariablesFileSchema } from "./postman/environment";
import { collectionDescription, collectionImportNotes, collectionRequests, toCollectionV2 } from "./postman/collection";
import { nextFreeName } from "./report-naming";

/**
 * Imports a Postman collection (v2.0 or v2.1) as a Postman campaign: the collection is kept whole
 * (items, scripts, auth, variables, events, order) and run by postman-runtime. What a run in Vigie
 * cannot do as Postman would is listed, stored on the campaign and returned.
 */
export async function importPostmanCollection(db: Db, raw: unknown) {
  const v2 = toCollectionV2(raw);
  if (!v2) throw new DomainError("BAD_REQUEST", "not_a_collection", "This is not a Postman collection (v1, v2.0 or v2.1 JSON).");
  const { collection } = v2;
  const requests = collectionRequests(collection);
  if (!requests.length) throw new DomainError("BAD_REQUEST", "collection_empty", "This collection has no request to run.");
  const notes = [
    ...(v2.fromV1 ? [{ item: collection.info.name, what: "a v1 collection, converted to v2.1 as Newman converts it" }] : []),
    ...collectionImportNotes(collection),
  ];
  const name = collection.info.name || "Postman collection";
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
  const parsed = postmanVariablesFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new DomainError("BAD_REQUEST", "not_an_environment", "This is not a Postman environment or globals file (JSON with a values list).");
  const { name, variables, skipped } = environmentFromPostman(parsed.data, fileName.replace(/(\.postman_(environment|globals))?\.json$/i, "") || "Postman");
  const unique = nextFreeName(name, new Set(await listEnvironmentNames(db, name)));
  const saved = await saveEnvironment(db, null, { name: unique, description: "Imported from Postman", variables });
  return { environmentId: saved.id, name: saved.name, variables: variables.length, skipped };
}
