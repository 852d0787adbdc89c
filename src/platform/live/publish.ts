import type { RawQueryable } from "../db/sql-transaction";
import { storableJson } from "../../lib/unsafe-text";
import { env } from "../env";
import { checkLiveEvent, type EventPayload, type EventType, type LiveTopic, type Publishable } from "./events";

export type LiveEventRecord = {
  id: bigint;
  topic: string;
  type: string;
  payload: unknown;
  createdAt: Date;
};

const toJson = (payload: unknown) => storableJson(payload ?? null, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

/**
 * The payload as it will travel. Outside production it is also checked against the live-event
 * contract, so a test publishing what no browser would accept fails where it publishes.
 */
function wire(topic: string, type: string, payload: unknown): string {
  const json = toJson(payload);
  if (env().NODE_ENV !== "production" && !checkLiveEvent(topic, type, JSON.parse(json)))
    throw new Error(`live event ${topic} ${type} does not match its contract (src/platform/live/events.ts): ${json.slice(0, 300)}`);
  return json;
}

/**
 * Appends an event to the live stream on its own: a durable row with a monotonically increasing
 * id, announced by NOTIFY to every web process. It commits without waiting for the disk flush
 * (see vigie_publish), which keeps publish→browser latency in milliseconds. Callable from the
 * worker and the web server; inside a transaction, use publishWithin.
 */
export async function publish<T extends LiveTopic, E extends EventType<T>>(
  db: RawQueryable,
  topic: T,
  type: E,
  payload: Publishable<EventPayload<T, E>>,
): Promise<bigint> {
  const rows = await db.$queryRaw<{ id: bigint }[]>`SELECT vigie_publish(${topic}, ${type}, ${wire(topic, type, payload)}::jsonb, true) AS id`;
  return rows[0]!.id;
}

/** Publishes as part of the caller's transaction: the event exists only if that commits, and
 * the commit keeps its full durability. */
export async function publishWithin<T extends LiveTopic, E extends EventType<T>>(
  tx: RawQueryable,
  topic: T,
  type: E,
  payload: Publishable<EventPayload<T, E>>,
): Promise<bigint> {
  const rows = await tx.$queryRaw<{ id: bigint }[]>`SELECT vigie_publish(${topic}, ${type}, ${wire(topic, type, payload)}::jsonb, false) AS id`;
  return rows[0]!.id;
}

/** One event on each of several topics (`payloads[i]` on `topicNames[i]`), in one statement and one announcement. */
export async function publishToEach<T extends LiveTopic, E extends EventType<T>>(
  db: RawQueryable,
  topicNames: T[],
  type: E,
  payloads: Publishable<EventPayload<T, E>>[],
): Promise<void> {
  const json = payloads.map((p, i) => wire(topicNames[i]!, type, p));
  await db.$queryRaw`SELECT vigie_publish_many(${topicNames}::text[], array_fill(${type}::text, ARRAY[${json.length}::int]), ${json}::jsonb[], true)`;
}
