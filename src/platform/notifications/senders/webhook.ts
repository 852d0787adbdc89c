import type { z } from "zod";
import type { webhookConfigSchema } from "../channel-config";
import type { NotificationMessage } from "../message";
import { postOrThrow } from "./http";

export async function sendWebhook(config: z.infer<typeof webhookConfigSchema>, message: NotificationMessage) {
  const { alert } = message;
  await postOrThrow(config.url, {
    headers: { "content-type": "application/json", ...config.headers },
    body: JSON.stringify({
      title: message.title,
      text: message.body,
      alert: {
        id: alert.id,
        occurredAt: alert.occurredAt,
        sourceKind: alert.sourceKind,
        sourceId: alert.sourceId,
        type: alert.type,
        params: alert.params,
        severity: alert.severity,
        category: alert.category,
        title: alert.title,
        description: alert.description,
        measuredValue: alert.measuredValue,
        unit: alert.unit,
        code: alert.code,
        threshold: alert.threshold,
      },
    }),
  });
}
