import type { Task } from "graphile-worker";
import { z } from "zod";
import { dispatchAlert } from "../../src/platform/notifications/deliveries";
import { workerContext } from "../context";

const payload = z.object({ alertId: z.string().min(1) });

/** Fans a new alert out to the notification channels it qualifies for. */
export const alert_dispatch: Task = async (raw) => {
  const { alertId } = payload.parse(raw);
  await dispatchAlert(workerContext().db, alertId);
};
