import { meterTestResult, testMeterRead } from "../../src/metering/meters/test-read";
import { publishReply } from "../../src/platform/live/replies";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Runs where the ports are (this worker); the answer goes back to the request that asked for it. */
export const meter_test_read = defineTask("meter_test_read", async ({ meterId, requestId }) => {
  const { db, meters, ingestor } = workerContext();
  await publishReply(db, requestId, meterTestResult(await testMeterRead(db, meters, ingestor, meterId)));
});
