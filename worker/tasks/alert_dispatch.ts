import { dispatchAlert } from "../../src/platform/notifications/deliveries";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Fans a new alert out to the notification channels it qualifies for. */
export const alert_dispatch = defineTask("alert_dispatch", async ({ alertId }) => {
  await dispatchAlert(workerContext().db, alertId);
});
