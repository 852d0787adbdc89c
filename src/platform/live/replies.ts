import type { RawQueryable } from "../db/sql-transaction";
import { publish } from "./publish";

/**
 * Answers to questions the web asks a worker (which serial ports it has, whether it can read a
 * backup location): the worker is where ports and backup folders are, the web host may have
 * neither. The reply travels as a live event on a topic of its own, which no browser may subscribe to.
 */
export const replyTopic = (requestId: string): `reply:${string}` => `reply:${requestId}`;

export const REPLY_EVENT = "reply" as const;

export async function publishReply(db: RawQueryable, requestId: string, reply: unknown): Promise<void> {
  await publish(db, replyTopic(requestId), REPLY_EVENT, reply);
}
