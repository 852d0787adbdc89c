import { getSetting } from "../../src/platform/settings/settings";
import { platformSettings } from "../../src/platform/settings/platform-settings";
import { pruneLiveEvents } from "../../src/platform/system/stats";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Retention of the live stream: events older than live.retentionDays are deleted. */
export const prune_live_events = defineTask("prune_live_events", async (_payload, helpers) => {
  const { db } = workerContext();
  const days = await getSetting(db, platformSettings.liveRetentionDays);
  const deleted = await pruneLiveEvents(db, days);
  helpers.logger.info(`pruned ${deleted} live events older than ${days} days`);
});
