import type { Db } from "../db/client";
import type { Severity } from "../alerts/schemas";
import { secretBox } from "../secret-box";
import { channelInputSchema, openChannelSecrets, redactChannelConfig, sealChannelSecrets, type ChannelInput } from "./channel-config";
import { type AlertLanguage, alertText } from "../alerts/alert-text";
import { getSetting } from "../settings/settings";
import { platformSettings } from "../settings/platform-settings";
import { messageForAlert } from "./message";
import { sendThroughChannel } from "./send";

export type SaveChannelInput = ChannelInput & { name: string; minSeverity: Severity; enabled: boolean };

export async function listChannels(db: Db) {
  const rows = await db.notificationChannel.findMany({
    orderBy: { name: "asc" },
    include: {
      deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, createdAt: true, sentAt: true } },
    },
  });
  const lastErrors = await db.notificationDelivery.findMany({
    where: { lastError: { not: null } },
    distinct: ["channelId"],
    orderBy: [{ channelId: "asc" }, { createdAt: "desc" }],
    select: { channelId: true, lastError: true, createdAt: true },
  });
  const lastErrorOf = new Map(lastErrors.map((e) => [e.channelId, { message: e.lastError!, at: e.createdAt }]));
  return rows.map((row) => {
    const parsed = channelInputSchema.safeParse({ kind: row.kind, config: openChannelSecrets(row.config as Record<string, unknown>, secretBox) });
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      minSeverity: row.minSeverity,
      enabled: row.enabled,
      config: parsed.success ? redactChannelConfig(parsed.data) : {},
      lastDelivery: row.deliveries[0] ?? null,
      lastError: lastErrorOf.get(row.id) ?? null,
    };
  });
}

/** A channel's latest deliveries, newest first, with the alert each carried and why it failed. */
export function listChannelDeliveries(db: Db, channelId: string, take = 20) {
  return db.notificationDelivery.findMany({
    where: { channelId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      alert: { select: { id: true, type: true, params: true, title: true, description: true, severity: true } },
    },
  });
}

export function createChannel(db: Db, input: SaveChannelInput) {
  return db.notificationChannel.create({
    data: {
      name: input.name,
      kind: input.kind,
      config: sealChannelSecrets(input.config, secretBox()) as never,
      minSeverity: input.minSeverity,
      enabled: input.enabled,
    },
    select: { id: true },
  });
}

/** Secrets left as "••••" (what the browser was shown) keep their stored value. */
export async function updateChannel(db: Db, id: string, input: SaveChannelInput) {
  const existing = await db.notificationChannel.findUniqueOrThrow({ where: { id } });
  const previous = existing.config as Record<string, unknown>;
  const config = { ...(input.config as Record<string, unknown>) };
  for (const key of ["password", "token"]) if (config[key] === "••••") config[key] = previous[key];
  if (input.kind === "WEBHOOK") {
    const oldHeaders = (previous.headers ?? {}) as Record<string, string>;
    config.headers = Object.fromEntries(Object.entries(input.config.headers).map(([k, v]) => [k, v === "••••" ? (oldHeaders[k] ?? "") : v]));
  }
  return db.notificationChannel.update({
    where: { id },
    data: {
      name: input.name,
      kind: input.kind,
      config: sealChannelSecrets(config, secretBox()) as never,
      minSeverity: input.minSeverity,
      enabled: input.enabled,
    },
    select: { id: true },
  });
}

/** Seals the secrets of channels saved before they were sealed (run at worker start); returns how many changed. */
export async function sealStoredChannelSecrets(db: Db): Promise<number> {
  let changed = 0;
  for (const row of await db.notificationChannel.findMany()) {
    const sealed = sealChannelSecrets(row.config as Record<string, unknown>, secretBox());
    if (JSON.stringify(sealed) === JSON.stringify(row.config)) continue;
    await db.notificationChannel.update({ where: { id: row.id }, data: { config: sealed as never } });
    changed++;
  }
  return changed;
}

export function deleteChannel(db: Db, id: string) {
  return db.notificationChannel.delete({ where: { id }, select: { id: true } });
}

/** Sends a sample alert through a channel right away, so an admin sees the result of a setup. */
export async function sendTestNotification(db: Db, id: string) {
  const channel = await db.notificationChannel.findUniqueOrThrow({ where: { id } });
  const [siteName, language] = await Promise.all([getSetting(db, platformSettings.siteName), getSetting(db, platformSettings.siteLanguage)]);
  const params = { channel: channel.name };
  const english = alertText({ type: "notification.test", params, title: "", description: "" }, "en");
  await sendThroughChannel(
    channel,
    messageForAlert(
      {
        id: "test",
        occurredAt: new Date(),
        sourceKind: "SYSTEM",
        sourceId: null,
        type: "notification.test",
        params,
        severity: channel.minSeverity,
        category: "system",
        ...english,
        measuredValue: null,
        unit: null,
        code: null,
        threshold: null,
        dedupKey: null,
        acknowledgedAt: null,
        acknowledgedById: null,
        acknowledgedComment: "",
      },
      siteName,
      language as AlertLanguage,
    ),
  );
}
