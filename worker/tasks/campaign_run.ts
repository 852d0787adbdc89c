import { randomUUID } from "node:crypto";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { campaignSettings } from "../../src/campaigns/settings";
import { runReport } from "../../src/campaigns/runner";
import { getSetting } from "../../src/platform/settings/settings";
import { workerContext } from "../context";

const payload = z.object({ reportId: z.string().min(1) });

/** Runs or resumes one report; a report another live runner holds is left to it. */
export const campaign_run: Task = async (raw, helpers) => {
  const { db } = workerContext();
  const { reportId } = payload.parse(raw);
  const staleAfterMs = (await getSetting(db, campaignSettings.staleRunSeconds)) * 1000;
  const end = await runReport(db, reportId, { runToken: randomUUID(), staleAfterMs });
  helpers.logger.info(`report ${reportId}: ${end}`);
};
