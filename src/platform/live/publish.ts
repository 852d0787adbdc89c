import type { RawQueryable } from "../db/sql-transaction";

export type LiveEventRecord = {
  id: bigint;
  topic: string;
  type: string;
  payload: unknown;
  createdAt: Date;
};

const toJson = (payload: unknown) => JSON.stringify(payload ?? null, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

/**
 * Appends an event to the live stream on its own: a durable row with a monotonically increasing
 * id, announced by NOTIFY to every web process. It commits without waiting for the disk flush
 * (see vigie_publish), which keeps publish→browser latency in milliseconds. Callable from the
 * worker and the web server; inside a transaction, use publishWithin.
 */
export async function publish(db: RawQueryable, topic: string, type: string, payload: unknown): Promise<bigint> {
  const rows = await db.$queryRaw<{ id: bigint }[]>`SELECT vigie_publish(${topic}, ${type}, ${toJson(payload)}::jsonb, true) AS id`;
  return rows[0]!.id;
}

/** Publishes as part of the caller's transaction: the event exists only if that commits, and
 * the commit keeps its full durability. */
export async function publishWithin(tx: RawQueryable, topic: string, type: string, payload: unknown): Promise<bigint> {
  const rows = await tx.$queryRaw<{ id: bigint }[]>`SELECT vigie_publish(${topic}, ${type}, ${toJson(payload)}::jsonb, false) AS id`;
  return rows[0]!.id;
}

/** One event on each of several topics (`payloads[i]` on `topicNames[i]`), in one statement. */
export async function publishToEach(db: RawQueryable, topicNames: string[], type: string, payloads: unknown[]): Promise<void> {
  await db.$queryRaw`SELECT vigie_publish(t, ${type}, p::jsonb, true) FROM unnest(${topicNames}::text[], ${payloads.map(toJson)}::text[]) AS x(t, p)`;
}
