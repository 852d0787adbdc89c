import type { Db } from "../db/client";
import { severities, severityAtLeast } from "../alerts/schemas";
import { enqueueJob } from "../jobs/enqueue";
import { getSetting } from "../settings/settings";
import { platformSettings } from "../settings/platform-settings";
import type { AlertLanguage } from "../alerts/alert-text";
import { messageForAlert } from "./message";
import { sendThroughChannel } from "./send";

/** Creates one delivery per enabled channel whose minimum severity the alert reaches, and queues
 * a send job for each. Running it twice for one alert queues nothing new. */
export async function dispatchAlert(db: Db, alertId: string): Promise<number> {
  const alert = await db.alert.findUnique({ where: { id: alertId } });
  if (!alert) return 0;
  const eligible = severities.filter((s) => severityAtLeast(alert.severity, s));
  const channels = await db.notificationChannel.findMany({
    where: { enabled: true, minSeverity: { in: eligible } },
    select: { id: true },
  });
  const maxAttempts = await getSetting(db, platformSettings.notificationMaxAttempts);
  let queued = 0;
  for (const channel of channels) {
    await db.$transaction(async (tx) => {
      const created = await tx.notificationDelivery.createMany({
        data: [{ alertId, channelId: channel.id }],
        skipDuplicates: true,
      });
      if (created.count === 0) return;
      const delivery = await tx.notificationDelivery.findUniqueOrThrow({
        where: { alertId_channelId: { alertId, channelId: channel.id } },
        select: { id: true },
      });
      await enqueueJob(tx, "notification_send", { deliveryId: delivery.id }, { jobKey: `notify:${delivery.id}`, maxAttempts });
      queued++;
    });
  }
  return queued;
}

/**
 * Sends one delivery. A failure is recorded on the delivery and rethrown, so graphile-worker
 * retries with its exponential backoff; the last allowed attempt marks it FAILED.
 */
export async function deliverNotification(db: Db, deliveryId: string, attempt: { number: number; max: number }) {
  const delivery = await db.notificationDelivery.findUnique({
    where: { id: deliveryId },
    include: { alert: true, channel: true },
  });
  if (!delivery || delivery.status === "SENT") return;
  const [siteName, language] = await Promise.all([getSetting(db, platformSettings.siteName), getSetting(db, platformSettings.siteLanguage)]);
  try {
    await sendThroughChannel(delivery.channel, messageForAlert(delivery.alert, siteName, language as AlertLanguage));
    await db.notificationDelivery.update({
      where: { id: deliveryId },
      data: { status: "SENT", sentAt: new Date(), attempts: attempt.number, lastError: null },
    });
  } catch (err) {
    await db.notificationDelivery.update({
      where: { id: deliveryId },
      data: {
        status: attempt.number >= attempt.max ? "FAILED" : "PENDING",
        attempts: attempt.number,
        lastError: (err as Error).message.slice(0, 1000),
      },
    });
    throw err;
  }
}
