import type { Task } from "graphile-worker";
import { markOfflineMeters } from "../../src/metering/watchdog";
import { workerContext } from "../context";

/** Meters silent for too long become OFFLINE (one event each). */
export const meter_watchdog: Task = async (_payload, helpers) => {
  const offline = await markOfflineMeters(workerContext().db);
  if (offline.length) helpers.logger.warn(`meters offline: ${offline.join(", ")}`);
};
