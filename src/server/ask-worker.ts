import { randomUUID } from "node:crypto";
import type { Db } from "../platform/db/client";
import { DomainError } from "../platform/errors";
import { enqueueJob } from "../platform/jobs/enqueue";
import type { AskTaskName, TaskPayloads } from "../platform/jobs/task-payloads";
import type { LiveHub } from "../platform/live/hub";
import { REPLY_EVENT, replyTopic } from "../platform/live/replies";

/**
 * Runs `task` on a worker and waits for its reply (see live/replies.ts). The subscription replays
 * from the topic's start, so a reply published before it registered is not missed.
 */
export async function askWorker<T, N extends AskTaskName = AskTaskName>(
  db: Db,
  hub: LiveHub,
  task: N,
  payload: Omit<TaskPayloads[N], "requestId">,
  timeoutMs = 10_000,
): Promise<T> {
  const requestId = randomUUID();
  const subscription = hub.subscribe(replyTopic(requestId), { lastEventId: 0n, signal: AbortSignal.timeout(timeoutMs) });
  await enqueueJob(db, task, { ...payload, requestId } as TaskPayloads[N], { maxAttempts: 1 });
  for await (const event of subscription) {
    if (event.type === REPLY_EVENT) {
      subscription.close();
      return event.payload as T;
    }
  }
  throw new DomainError("PRECONDITION_FAILED", "worker_silent", `No worker answered within ${timeoutMs / 1000} s: is the worker running?`, {
    params: { seconds: timeoutMs / 1000 },
  });
}
