import { defineSetting } from "./definition";

export const platformSettings = {
  siteName: defineSetting({
    key: "ui.siteName",
    type: "STRING",
    category: "platform",
    description: "Name shown in the header and in notifications.",
    defaultValue: "Vigie",
    refine: (s) => (s as never as import("zod").ZodString).min(1).max(60) as never,
  }),
  siteLanguage: defineSetting({
    key: "ui.siteLanguage",
    type: "STRING",
    category: "platform",
    description: "Language of notifications (fr or en); each user's screens follow their own choice.",
    defaultValue: "fr",
    refine: (s) => (s as never as import("zod").ZodString).regex(/^(fr|en)$/, "fr or en") as never,
  }),
  liveRetentionDays: defineSetting({
    key: "live.retentionDays",
    type: "INT",
    category: "platform",
    description: "Days live events are kept for replay before the retention task prunes them.",
    defaultValue: 7,
    min: 1,
    max: 365,
  }),
  workerStaleSeconds: defineSetting({
    key: "system.workerStaleSeconds",
    type: "INT",
    category: "platform",
    description: "A worker whose last heartbeat is older than this is reported as down.",
    defaultValue: 30,
    min: 5,
    max: 3600,
  }),
  notificationMaxAttempts: defineSetting({
    key: "notifications.maxAttempts",
    type: "INT",
    category: "notifications",
    description: "Attempts per notification before it is given up (retried with exponential backoff).",
    defaultValue: 8,
    min: 1,
    max: 25,
  }),
};
