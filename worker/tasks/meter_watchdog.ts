import { markOfflineMeters } from "../../src/metering/watchdog";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Meters silent for too long become OFFLINE (one event each). */
export const meter_watchdog = defineTask("meter_watchdog", async (_payload, helpers) => {
  const offline = await markOfflineMeters(workerContext().db);
  if (offline.length) helpers.logger.warn(`meters offline: ${offline.join(", ")}`);
});
