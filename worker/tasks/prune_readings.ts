import type { Task } from "graphile-worker";
import { pruneReadings } from "../../src/metering/watchdog";
import { workerContext } from "../context";

/** Raw readings past their retention go; roll-ups stay forever. */
export const prune_readings: Task = async (_payload, helpers) => {
  helpers.logger.info(`pruned ${await pruneReadings(workerContext().db)} raw readings`);
};
