import type { z } from "zod";
import type { ntfyConfigSchema } from "../channel-config";
import type { NotificationMessage } from "../message";
import { postOrThrow } from "./http";

// ntfy priorities: 1 min … 5 max.
const priority = { INFO: 2, WARNING: 3, ERROR: 4, CRITICAL: 5 } as const;

export async function sendNtfy(config: z.infer<typeof ntfyConfigSchema>, message: NotificationMessage) {
  const headers: Record<string, string> = {
    "content-type": "text/plain; charset=utf-8",
    // HTTP headers are Latin-1: ntfy accepts RFC 2047 encoded words for anything else.
    Title: `=?UTF-8?B?${Buffer.from(message.title).toString("base64")}?=`,
    Priority: String(priority[message.severity]),
    Tags: message.severity.toLowerCase(),
  };
  if (config.token) headers.Authorization = `Bearer ${config.token}`;
  await postOrThrow(`${config.url.replace(/\/+$/, "")}/${config.topic}`, { headers, body: message.body });
}
