import { testMeterRead } from "../../src/metering/meters/test-read";
import { publish } from "../../src/platform/live/publish";
import { topics } from "../../src/platform/live/topics";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Runs where the ports are (this worker); the answer goes back on the meter's live topic. */
export const meter_test_read = defineTask("meter_test_read", async ({ meterId, requestId }) => {
  const { db, meters, ingestor } = workerContext();
  const outcome = await testMeterRead(db, meters, ingestor, meterId);
  const result = outcome.ok
    ? {
        ok: true as const,
        fields: outcome.frame.fields,
        registers: outcome.frame.registers,
        meterId: outcome.frame.meterId,
        checksum: outcome.frame.checksum,
        protocol: outcome.frame.protocol,
      }
    : outcome;
  await publish(db, topics.meter(meterId), "test.result", { requestId, ...result });
});
