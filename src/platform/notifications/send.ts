import type { NotificationChannel } from "../../generated/prisma/client";
import { secretBox } from "../secret-box";
import { channelInputSchema, openChannelSecrets } from "./channel-config";
import type { NotificationMessage } from "./message";
import { sendEmail } from "./senders/email";
import { sendNtfy } from "./senders/ntfy";
import { sendWebhook } from "./senders/webhook";

/** Sends one message through one channel; throws with a readable reason on failure. */
export async function sendThroughChannel(channel: Pick<NotificationChannel, "kind" | "config">, message: NotificationMessage) {
  const parsed = channelInputSchema.safeParse({ kind: channel.kind, config: openChannelSecrets(channel.config as Record<string, unknown>, secretBox) });
  if (!parsed.success) {
    throw new Error(`Channel configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const input = parsed.data;
  switch (input.kind) {
    case "WEBHOOK":
      return sendWebhook(input.config, message);
    case "EMAIL":
      return sendEmail(input.config, message);
    case "NTFY":
      return sendNtfy(input.config, message);
  }
}
