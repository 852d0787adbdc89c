import { deliverNotification } from "../../src/platform/notifications/deliveries";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Sends one notification; a failure is rethrown so graphile-worker retries with backoff. */
export const notification_send = defineTask("notification_send", async ({ deliveryId }, helpers) => {
  await deliverNotification(workerContext().db, deliveryId, {
    number: helpers.job.attempts,
    max: helpers.job.max_attempts,
  });
});
