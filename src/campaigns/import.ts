import type { Db } from "../platform/db/client";
import { DomainError } from "../platform/errors";
import { actionParamsProblem } from "./actions";
import { saveCampaign } from "./editors";
import { convertPostmanCollection, postmanCollectionSchema, type ImportNote } from "./postman";
import { nextFreeName } from "./report-naming";

/** Imports a Postman v2.1 collection as a new campaign; returns it with what could not be converted. */
export async function importPostmanCollection(db: Db, raw: unknown) {
  if (!postmanCollectionSchema.safeParse(raw).success)
    throw new DomainError("BAD_REQUEST", "not_a_collection", "This is not a Postman collection (v2.1 JSON with info and item).");
  const { campaign, notConverted } = convertPostmanCollection(raw);
  const notes: ImportNote[] = [...notConverted];
  // An action its type refuses is left out of the campaign, and said so.
  const tests = campaign.tests
    .map((test) => ({
      ...test,
      actions: test.actions.filter((action) => {
        const problem = actionParamsProblem(action.type, action.params);
        if (problem) notes.push({ item: `${test.name} → ${action.name || action.type}`, what: `request not converted: ${problem}` });
        return !problem;
      }),
    }))
    .filter((test) => test.actions.length);
  const taken = await db.campaign.findMany({ where: { name: { startsWith: campaign.name } }, select: { name: true } });
  const saved = await saveCampaign(db, null, { ...campaign, name: nextFreeName(campaign.name, new Set(taken.map((c) => c.name))), tests });
  return { campaignId: saved.id, name: saved.name, tests: tests.length, actions: tests.reduce((n, t) => n + t.actions.length, 0), notConverted: notes };
}
