import { randomUUID } from "node:crypto";
import { campaignSettings } from "../../src/campaigns/settings";
import { runReport } from "../../src/campaigns/runner";
import { getSetting } from "../../src/platform/settings/settings";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Runs or resumes one report; a report another live runner holds is left to it. */
export const campaign_run = defineTask("campaign_run", async ({ reportId }, helpers) => {
  const { db } = workerContext();
  const staleAfterMs = (await getSetting(db, campaignSettings.staleRunSeconds)) * 1000;
  const end = await runReport(db, reportId, { runToken: randomUUID(), staleAfterMs });
  helpers.logger.info(`report ${reportId}: ${end}`);
});
