import { randomUUID } from "node:crypto";
import { storableJson } from "../../lib/unsafe-text";
import type { Db } from "../db/client";
import { withSqlTransaction, type RawQueryable } from "../db/sql-transaction";
import type { Alert, Prisma } from "../../generated/prisma/client";
import { enqueueJob } from "../jobs/enqueue";
import { publishWithin } from "../live/publish";
import { topics } from "../live/topics";
import { alertText } from "./alert-text";
import type { TypedAlert } from "./alert-types";
import type { AlertFilter, Severity } from "./schemas";

/** Everything an alert records besides its type and parameters. */
export type AlertFacts = {
  sourceKind: "SYSTEM" | "METER" | "BACKUP_JOB" | "CAMPAIGN";
  sourceId?: string | null;
  severity: Severity;
  category: string;
  measuredValue?: number | null;
  unit?: string | null;
  code?: string | null;
  threshold?: number | null;
  occurredAt?: Date;
  /** With `cooldownSeconds`: an alert with this key raised within the cooldown makes this one a repeat. */
  dedupKey?: string;
  cooldownSeconds?: number;
};
export type RaiseAlertInput = TypedAlert & AlertFacts;
/** An alert whose source the caller adds. */
export type SourcedAlertInput = TypedAlert & Omit<AlertFacts, "sourceKind" | "sourceId">;

/**
 * Records an alert, announces it on the live stream and queues its notifications, all in one
 * transaction; sending happens later in the worker, so raising never waits on a mail server.
 * Returns null when the alert repeats one still in its cooldown.
 */
export async function raiseAlert(db: Db, input: RaiseAlertInput): Promise<Alert | null> {
  return withSqlTransaction(db, (tx) => raiseAlertWithin(tx, input));
}

/**
 * raiseAlert inside the caller's transaction (a Prisma one or withSqlTransaction's): the alert
 * exists only if that commits. Plain SQL, so no interactive-transaction timer is involved.
 */
export async function raiseAlertWithin(tx: RawQueryable, input: RaiseAlertInput): Promise<Alert | null> {
  const occurredAt = input.occurredAt ?? new Date();
  if (input.dedupKey && input.cooldownSeconds) {
    // Serialises raisers of the same key so two processes cannot both pass the check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${input.dedupKey}))`;
    const since = new Date(occurredAt.getTime() - input.cooldownSeconds * 1000);
    const recent = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Alert" WHERE "dedupKey" = ${input.dedupKey} AND "occurredAt" > ${since} LIMIT 1`;
    if (recent.length) return null;
  }
  // Facts may quote a meter or a server (a NUL in a response body): made storable once, for every column.
  const params = storableJson(input.params);
  // Stored in English too, for API clients and logs; readers get it in their language from type and parameters.
  const english = alertText({ type: input.type, params: JSON.parse(params), title: "", description: "" }, "en");
  const [alert] = await tx.$queryRaw<Alert[]>`
    INSERT INTO "Alert" ("id", "occurredAt", "sourceKind", "sourceId", "type", "params", "severity", "category", "title", "description", "measuredValue", "unit", "code", "threshold", "dedupKey")
    VALUES (${randomUUID()}, ${occurredAt}, ${input.sourceKind}::"AlertSourceKind", ${input.sourceId ?? null}, ${input.type}, ${params}::jsonb, ${input.severity}::"Severity", ${input.category}, ${english.title},
            ${english.description}, ${input.measuredValue ?? null}::float8, ${input.unit ?? null}, ${input.code ?? null}, ${input.threshold ?? null}::float8, ${input.dedupKey ?? null})
    RETURNING *`;
  await enqueueJob(tx, "alert_dispatch", { alertId: alert!.id }, { jobKey: `alert_dispatch:${alert!.id}` });
  await publishWithin(tx, topics.alerts, "alert.raised", alert!);
  return alert!;
}

export function alertWhere(filter: AlertFilter): Prisma.AlertWhereInput {
  return {
    severity: filter.severity?.length ? { in: filter.severity } : undefined,
    sourceKind: filter.sourceKind,
    sourceId: filter.sourceId,
    type: filter.type,
    category: filter.category,
    acknowledgedAt: filter.acknowledged === undefined ? undefined : filter.acknowledged ? { not: null } : null,
    occurredAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
  };
}

export async function listAlerts(db: Db, filter: AlertFilter, page: { cursor?: string; limit: number }) {
  const rows = await db.alert.findMany({
    where: alertWhere(filter),
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    cursor: page.cursor ? { id: page.cursor } : undefined,
    skip: page.cursor ? 1 : 0,
    include: { acknowledgedBy: { select: { name: true, email: true } } },
  });
  const nextCursor = rows.length > page.limit ? rows.pop()!.id : null;
  return { items: rows, nextCursor };
}

/** The types and categories alerts have, for the list's filters (choices, not free text). */
export async function alertFacets(db: Db) {
  const [types, categories] = await Promise.all([
    db.alert.findMany({ distinct: ["type"], select: { type: true }, orderBy: { type: "asc" } }),
    db.alert.findMany({ distinct: ["category"], select: { category: true }, orderBy: { category: "asc" } }),
  ]);
  return { types: types.map((r) => r.type), categories: categories.map((r) => r.category) };
}

export function countUnacknowledged(db: Db) {
  return db.alert.count({ where: { acknowledgedAt: null } });
}

/** Acknowledges the given alerts that are not yet acknowledged; who and when are kept. */
export async function acknowledgeAlerts(db: Db, ids: string[], userId: string, comment = "") {
  return db.$transaction(async (tx) => {
    const acknowledgedAt = new Date();
    const { count } = await tx.alert.updateMany({
      where: { id: { in: ids }, acknowledgedAt: null },
      data: { acknowledgedAt, acknowledgedById: userId, acknowledgedComment: comment },
    });
    if (count > 0) {
      const unacknowledged = await tx.alert.count({ where: { acknowledgedAt: null } });
      await publishWithin(tx, topics.alerts, "alert.acknowledged", { ids, userId, acknowledgedAt, unacknowledged });
    }
    return { acknowledged: count };
  });
}
