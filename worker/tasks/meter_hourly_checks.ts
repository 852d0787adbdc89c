import { startOfUtcHour } from "../../src/lib/time-zone";
import { checkHourlySpikes } from "../../src/metering/watchdog";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** The hour that just ended, compared with the same hour of the previous weeks. */
export const meter_hourly_checks = defineTask("meter_hourly_checks", async () => {
  await checkHourlySpikes(workerContext().db, new Date(startOfUtcHour(new Date()).getTime() - 3_600_000));
});
