import { randomUUID } from "node:crypto";
import type { Db } from "../platform/db/client";
import type { Prisma } from "../generated/prisma/client";
import { DomainError, notFoundError, nameTakenError } from "../platform/errors";
import { secretBox } from "../platform/secret-box";
import { collectionRequests, type ImportNote, postmanCollectionSchema } from "./postman/collection";
import { environmentTlsColumns } from "./environment-tls";
import { campaignInput, environmentInput, type CampaignInput, type EnvironmentInput } from "./schemas";

const MASK = "••••";

/** Environments with their variables; secret values are never sent back, only "••••". */
export async function listEnvironments(db: Db) {
  const environments = await db.environment.findMany({ orderBy: { name: "asc" }, include: { variables: { orderBy: { key: "asc" } } } });
  // The client key is never sent back, sealed or not: the form only learns whether there is one.
  return environments.map(({ tlsClientKey, ...e }) => ({
    ...e,
    tlsHasClientKey: tlsClientKey !== null,
    variables: e.variables.map((v) => ({ key: v.key, secret: v.secret, value: v.secret ? MASK : v.value })),
  }));
}

/** Names of environments starting with `prefix`: to make an imported one's name unique. */
export async function listEnvironmentNames(db: Db, prefix: string) {
  return (await db.environment.findMany({ where: { name: { startsWith: prefix } }, select: { name: true } })).map((e) => e.name);
}

export async function saveEnvironment(db: Db, id: string | null, input: EnvironmentInput) {
  const data = environmentInput.parse(input);
  const other = await db.environment.findUnique({ where: { name: data.name }, select: { id: true } });
  if (other && other.id !== id) throw nameTakenError("environment", data.name, `An environment named "${data.name}" already exists.`);
  const previous = id ? await db.environmentVariable.findMany({ where: { environmentId: id } }) : [];
  const kept = new Map(previous.map((v) => [v.key, v]));
  const variables = data.variables.map((v) => {
    if (v.value === null) {
      const old = kept.get(v.key);
      if (!old || old.secret !== v.secret)
        throw new DomainError("BAD_REQUEST", "variable_needs_value", `Variable ${v.key} needs a value.`, {
          params: { key: v.key },
          issues: [{ path: ["variables"], message: `${v.key} needs a value` }],
        });
      return { key: v.key, value: old.value, secret: old.secret };
    }
    return { key: v.key, value: v.secret ? secretBox().seal(v.value) : v.value, secret: v.secret };
  });
  const previousKey = id ? ((await db.environment.findUnique({ where: { id }, select: { tlsClientKey: true } }))?.tlsClientKey ?? null) : null;
  const columns = { name: data.name, description: data.description, ...environmentTlsColumns(data.tls, previousKey) };
  return db.$transaction(async (tx) => {
    const environment = id ? await tx.environment.update({ where: { id }, data: columns }) : await tx.environment.create({ data: columns });
    await tx.environmentVariable.deleteMany({ where: { environmentId: environment.id } });
    await tx.environmentVariable.createMany({ data: variables.map((v) => ({ ...v, environmentId: environment.id })) });
    return environment;
  });
}

export async function deleteEnvironment(db: Db, id: string) {
  if (await db.campaignReport.count({ where: { environmentId: id } }))
    throw new DomainError("PRECONDITION_FAILED", "environment_in_use", "Reports were run against this environment: it is kept for them.");
  await db.environment.delete({ where: { id } });
}

export function listCampaigns(db: Db) {
  return db.campaign.findMany({
    orderBy: { name: "asc" },
    omit: { collection: true },
    include: {
      _count: { select: { tests: true, reports: true } },
      // The last run, for the list: its status and counts.
      reports: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, name: true, status: true, passed: true, failed: true, skipped: true, startedAt: true, createdAt: true },
      },
    },
  });
}

export async function getCampaign(db: Db, id: string) {
  const campaign = await db.campaign.findUnique({
    where: { id },
    include: { tests: { orderBy: { position: "asc" }, include: { actions: { orderBy: { position: "asc" } } } } },
  });
  if (!campaign) throw notFoundError("campaign", "No such campaign.");
  // A Postman campaign's page lists its requests; the collection itself (its auth, its variables) stays in the database.
  const { collection, ...rest } = campaign;
  return {
    ...rest,
    requests: campaign.kind === "POSTMAN" ? collectionRequests(postmanCollectionSchema.parse(collection)) : [],
    importNotes: campaign.importNotes as ImportNote[],
  };
}

/** Saves a campaign whole: its ordered tests and their ordered actions, each validated by its type. */
export async function saveCampaign(db: Db, id: string | null, input: CampaignInput) {
  const data = campaignInput.parse(input);
  if (id && (await db.campaignReport.count({ where: { campaignId: id, status: { in: ["PENDING", "RUNNING"] } } }))) {
    throw new DomainError("PRECONDITION_FAILED", "campaign_running", "A report of this campaign is running: wait for it or cancel it before editing.");
  }
  const kind = id ? (await db.campaign.findUnique({ where: { id }, select: { kind: true } }))?.kind : "NATIVE";
  if (!kind) throw notFoundError("campaign", "No such campaign.");
  if (kind === "POSTMAN" && data.tests.length)
    throw new DomainError(
      "PRECONDITION_FAILED",
      "postman_campaign_tests",
      "A Postman campaign runs its collection: import the collection again to change its requests.",
    );
  const other = await db.campaign.findUnique({ where: { name: data.name }, select: { id: true } });
  if (other && other.id !== id) throw nameTakenError("campaign", data.name, `A campaign named "${data.name}" already exists.`);
  return db.$transaction(
    async (tx) => {
      const campaign = id
        ? await tx.campaign.update({ where: { id }, data: { name: data.name, description: data.description } })
        : await tx.campaign.create({ data: { name: data.name, description: data.description } });
      // The tests are replaced as a whole; past reports keep their results under the test names.
      await tx.campaignTest.deleteMany({ where: { campaignId: campaign.id } });
      // Two bulk inserts, whatever the number of tests (a 10,000-test campaign saves in one go).
      const tests = data.tests.map((test, position) => ({ id: randomUUID(), campaignId: campaign.id, name: test.name, position }));
      await tx.campaignTest.createMany({ data: tests });
      await tx.testAction.createMany({
        data: data.tests.flatMap((test, i) =>
          test.actions.map((a, position) => ({
            testId: tests[i]!.id,
            position,
            type: a.type,
            name: a.name,
            params: a.params as Prisma.InputJsonValue,
            timeoutMs: a.timeoutMs,
            retries: a.retries,
          })),
        ),
      });
      return campaign;
    },
    { timeout: 60_000 },
  );
}

export async function deleteCampaign(db: Db, id: string) {
  if (await db.campaignReport.count({ where: { campaignId: id, status: { in: ["PENDING", "RUNNING"] } } }))
    throw new DomainError("PRECONDITION_FAILED", "campaign_running", "A report of this campaign is running: cancel it first.");
  await db.campaign.delete({ where: { id } });
}
