import { z } from "zod";

/*
 * The live stream's contract: for each topic family, each event type and its payload as the
 * browser receives it (JSON: dates are ISO strings). publish() only accepts these, and
 * useLiveTopic() checks what arrives against them and hands components a discriminated union.
 */

const isoDate = z.string();
const id = z.string().min(1);
const reportStatus = z.enum(["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]);
const testStatus = z.enum(["PENDING", "RUNNING", "PASSED", "FAILED", "SKIPPED"]);
/** A run's log line: its English text, and its code and parameters for the reader's language (src/campaigns/run-log-types.ts). */
const logLine = z.object({ at: isoDate, level: z.string(), message: z.string(), code: z.string().optional(), params: z.unknown().optional() });
const scanProgress = z.object({ scanId: id, jobId: z.string().nullable(), jobsDone: z.number(), jobsTotal: z.number(), artefactsSeen: z.number() });
const reportListed = z.object({ reportId: id, campaignId: id, status: reportStatus, progress: z.number() });
/** A backup status reason by code with its facts (src/backups/reasons.ts). */
const backupReason = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) });
const alertRow = z.looseObject({ id, occurredAt: isoDate, severity: z.string(), title: z.string() });

export const liveEvents = {
  system: {
    "setting.changed": z.object({ key: z.string(), value: z.unknown() }),
    "worker.heartbeat": z.object({ workerId: id, beatAt: isoDate }),
    "worker.stopped": z.object({ workerId: id }),
    "queue.changed": z.object({}),
  },
  alerts: {
    "alert.raised": alertRow,
    "alert.acknowledged": z.object({ ids: z.array(id), userId: id, acknowledgedAt: isoDate, unacknowledged: z.number() }),
  },
  energy: {
    reading: z.object({ meterId: id, at: isoDate, powerW: z.number().nullable() }),
  },
  meter: {
    status: z.object({ meterId: id, status: z.enum(["ONLINE", "OFFLINE", "ERROR", "UNKNOWN"]) }),
    frame: z.object({
      meterId: id,
      at: isoDate,
      bytes: z.number(),
      encoding: z.enum(["text", "hex"]),
      raw: z.string(),
      truncated: z.boolean(),
      decoded: z
        .object({
          meterId: z.string().nullable(),
          timestamp: isoDate.nullable(),
          powerW: z.number().nullable(),
          energyImportKwh: z.number().nullable(),
          values: z.number(),
        })
        .nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  },
  backups: {
    "scan.progress": scanProgress,
    "scan.completed": scanProgress.extend({ newArtefacts: z.number(), errors: z.number(), changed: z.number() }),
    "scan.failed": scanProgress.extend({ message: z.string() }),
    "job.updated": z.object({ jobId: id }),
    "job.deleted": z.object({ jobId: id }),
    "job.status": z.object({ jobId: id, from: z.string(), to: z.string(), reason: backupReason, at: isoDate }),
  },
  backup: {
    "job.updated": z.object({ jobId: id, runId: z.string().optional() }),
    "job.status": z.object({ jobId: id, from: z.string(), to: z.string(), reason: backupReason, at: isoDate }),
  },
  campaigns: {
    "report.updated": reportListed,
  },
  report: {
    campaign_started: z.object({ reportId: id, resumed: z.boolean(), total: z.number() }),
    test_started: z.object({ reportId: id, resultId: id, position: z.number(), name: z.string() }),
    test_completed: z.object({ reportId: id, resultId: id, position: z.number(), name: z.string(), status: testStatus, logs: z.array(logLine) }),
    assertion_completed: z.object({ reportId: id, resultId: id, position: z.number(), name: z.string(), ok: z.boolean(), message: z.string().nullable() }),
    campaign_progress: z.object({
      reportId: id,
      progress: z.number(),
      done: z.number(),
      total: z.number(),
      passed: z.number(),
      failed: z.number(),
      skipped: z.number(),
    }),
    campaign_completed: z.object({ reportId: id, status: reportStatus }).loose(),
    campaign_error: z.object({ reportId: id, error: z.string() }),
  },
  reply: {
    reply: z.unknown(),
  },
} as const satisfies Record<string, Record<string, z.ZodType>>;

type Events = typeof liveEvents;
export type TopicFamily = keyof Events;

/** A topic name: a family alone (`alerts`) or with its subject (`meter:<id>`). */
export type LiveTopic =
  | "system"
  | "alerts"
  | "energy"
  | "backups"
  | "campaigns"
  | `meter:${string}`
  | `backup:${string}`
  | `report:${string}`
  | `reply:${string}`;

export type FamilyOf<T extends LiveTopic> = T extends `${infer F}:${string}` ? (F extends TopicFamily ? F : never) : T extends TopicFamily ? T : never;
export type EventType<T extends LiveTopic> = keyof Events[FamilyOf<T>] & string;
/** A payload as it travels (JSON). */
export type EventPayload<T extends LiveTopic, E extends EventType<T>> = z.output<Events[FamilyOf<T>][E] & z.ZodType>;

/** What publish() accepts for a payload: the travelling shape, with Date wherever a date string travels. */
export type Publishable<P> = P extends string
  ? P | Date
  : P extends (infer I)[]
    ? Publishable<I>[]
    : P extends object
      ? { [K in keyof P]: Publishable<P[K]> }
      : P;

/** One event of a topic, as components receive it: a union discriminated by `type`. */
export type LiveMessage<T extends LiveTopic = LiveTopic> = {
  [E in EventType<T>]: { id: string; topic: string; type: E; payload: EventPayload<T, E>; createdAt: Date };
}[EventType<T>];

export function familyOf(topic: string): TopicFamily | null {
  const family = topic.includes(":") ? topic.slice(0, topic.indexOf(":")) : topic;
  return family in liveEvents ? (family as TopicFamily) : null;
}

/** The event checked against the contract, or null when the stream carries something it does not know. */
export function checkLiveEvent(topic: string, type: string, payload: unknown): { type: string; payload: unknown } | null {
  const family = familyOf(topic);
  const schema = family ? (liveEvents[family] as Record<string, z.ZodType>)[type] : undefined;
  if (!schema) return null;
  const parsed = schema.safeParse(payload);
  return parsed.success ? { type, payload: parsed.data } : null;
}
