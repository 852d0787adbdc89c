import type { Task } from "graphile-worker";
import { z } from "zod";
import { deliverNotification } from "../../src/platform/notifications/deliveries";
import { workerContext } from "../context";

const payload = z.object({ deliveryId: z.string().min(1) });

/** Sends one notification; a failure is rethrown so graphile-worker retries with backoff. */
export const notification_send: Task = async (raw, helpers) => {
  const { deliveryId } = payload.parse(raw);
  await deliverNotification(workerContext().db, deliveryId, {
    number: helpers.job.attempts,
    max: helpers.job.max_attempts,
  });
};
