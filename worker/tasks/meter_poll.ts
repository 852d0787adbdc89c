import { pollMeter } from "../../src/metering/meters/poll";
import { POLL_TASK, pollJobKey } from "../../src/metering/meters/supervisor";
import { enqueueJob } from "../../src/platform/jobs/enqueue";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/**
 * One readout of a polled meter, then the next one planned under the meter's job key (so one
 * meter is never read twice at once). A disabled or deleted meter is simply not planned again.
 */
export const meter_poll = defineTask("meter_poll", async ({ meterId }, helpers) => {
  const { db, ingestor } = workerContext();
  const meter = await db.meter.findUnique({ where: { id: meterId }, select: { enabled: true, pollIntervalSeconds: true, name: true } });
  if (!meter?.enabled) return;
  const outcome = await pollMeter(db, ingestor, meterId);
  if (!outcome.ok) helpers.logger.warn(`readout of ${meter.name} failed: ${outcome.error}`);
  await enqueueJob(
    db,
    POLL_TASK,
    { meterId },
    { jobKey: pollJobKey(meterId), jobKeyMode: "replace", runAt: new Date(Date.now() + meter.pollIntervalSeconds * 1000) },
  );
});
