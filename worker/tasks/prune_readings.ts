import { pruneReadings } from "../../src/metering/watchdog";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Raw readings past their retention go; roll-ups stay forever. */
export const prune_readings = defineTask("prune_readings", async (_payload, helpers) => {
  helpers.logger.info(`pruned ${await pruneReadings(workerContext().db)} raw readings`);
});
