import type { Db } from "../db/client";
import type { Prisma } from "../../generated/prisma/client";
import { enqueueJob } from "../jobs";
import { publishWithin } from "../live/publish";
import { topics } from "../live/topics";
import type { AlertFilter, Severity } from "./schemas";

export type RaiseAlertInput = {
  sourceKind: "SYSTEM" | "METER" | "BACKUP_JOB" | "CAMPAIGN";
  sourceId?: string | null;
  type: string;
  severity: Severity;
  category: string;
  title: string;
  description?: string;
  measuredValue?: number | null;
  unit?: string | null;
  code?: string | null;
  threshold?: number | null;
  occurredAt?: Date;
  /** With `cooldownSeconds`: an alert with this key raised within the cooldown makes this one a repeat. */
  dedupKey?: string;
  cooldownSeconds?: number;
};

/**
 * Records an alert, announces it on the live stream and queues its notifications, all in one
 * transaction; sending happens later in the worker, so raising never waits on a mail server.
 * Returns null when the alert repeats one still in its cooldown.
 */
export async function raiseAlert(db: Db, input: RaiseAlertInput) {
  return db.$transaction((tx) => raiseAlertWithin(tx, input));
}

/** raiseAlert inside the caller's transaction: the alert exists only if that commits. */
export async function raiseAlertWithin(tx: Prisma.TransactionClient, input: RaiseAlertInput) {
  const occurredAt = input.occurredAt ?? new Date();
  if (input.dedupKey && input.cooldownSeconds) {
    // Serialises raisers of the same key so two processes cannot both pass the check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${input.dedupKey}))`;
    const recent = await tx.alert.findFirst({
      where: { dedupKey: input.dedupKey, occurredAt: { gt: new Date(occurredAt.getTime() - input.cooldownSeconds * 1000) } },
      select: { id: true },
    });
    if (recent) return null;
  }
  const alert = await tx.alert.create({
    data: {
      occurredAt,
      sourceKind: input.sourceKind,
      sourceId: input.sourceId ?? null,
      type: input.type,
      severity: input.severity,
      category: input.category,
      title: input.title,
      description: input.description ?? "",
      measuredValue: input.measuredValue ?? null,
      unit: input.unit ?? null,
      code: input.code ?? null,
      threshold: input.threshold ?? null,
      dedupKey: input.dedupKey ?? null,
    },
  });
  await enqueueJob(tx, "alert_dispatch", { alertId: alert.id }, { jobKey: `alert_dispatch:${alert.id}` });
  await publishWithin(tx, topics.alerts, "alert.raised", alert);
  return alert;
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

export function countUnacknowledged(db: Db) {
  return db.alert.count({ where: { acknowledgedAt: null } });
}

/** Acknowledges the given alerts that are not yet acknowledged; who and when are kept. */
export async function acknowledgeAlerts(db: Db, ids: string[], userId: string) {
  return db.$transaction(async (tx) => {
    const acknowledgedAt = new Date();
    const { count } = await tx.alert.updateMany({
      where: { id: { in: ids }, acknowledgedAt: null },
      data: { acknowledgedAt, acknowledgedById: userId },
    });
    if (count > 0) {
      const unacknowledged = await tx.alert.count({ where: { acknowledgedAt: null } });
      await publishWithin(tx, topics.alerts, "alert.acknowledged", { ids, userId, acknowledgedAt, unacknowledged });
    }
    return { acknowledged: count };
  });
}
