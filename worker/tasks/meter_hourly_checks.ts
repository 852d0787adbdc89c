import type { Task } from "graphile-worker";
import { startOfUtcHour } from "../../src/lib/time-zone";
import { checkHourlySpikes } from "../../src/metering/watchdog";
import { workerContext } from "../context";

/** The hour that just ended, compared with the same hour of the previous weeks. */
export const meter_hourly_checks: Task = async () => {
  await checkHourlySpikes(workerContext().db, new Date(startOfUtcHour(new Date()).getTime() - 3_600_000));
};
