import { z } from "zod";
import { actionTypes } from "../../../campaigns/actions";
import { deleteCampaign, deleteEnvironment, getCampaign, listCampaigns, listEnvironments, saveCampaign, saveEnvironment } from "../../../campaigns/editors";
import { importPostmanCollection, importPostmanEnvironment } from "../../../campaigns/import";
import { cancelReport, launchInput, launchReport } from "../../../campaigns/launch";
import { getReport, listReports, recentReports, resultLogs } from "../../../campaigns/reports";
import { campaignInput, environmentInput } from "../../../campaigns/schemas";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";

const byId = z.object({ id: z.string().min(1).max(50) });

export const campaignsRouter = createTRPCRouter({
  actionTypes: viewerProcedure.query(() => Object.values(actionTypes).map((a) => ({ type: a.type, description: a.description }))),
  environments: viewerProcedure.query(({ ctx }) => listEnvironments(ctx.db)),
  saveEnvironment: operatorProcedure
    .input(z.object({ id: z.string().max(50).nullable(), data: environmentInput }))
    .mutation(({ ctx, input }) => saveEnvironment(ctx.db, input.id, input.data)),
  deleteEnvironment: operatorProcedure.input(byId).mutation(({ ctx, input }) => deleteEnvironment(ctx.db, input.id)),
  list: viewerProcedure.query(({ ctx }) => listCampaigns(ctx.db)),
  get: viewerProcedure.input(byId).query(({ ctx, input }) => getCampaign(ctx.db, input.id)),
  save: operatorProcedure
    .input(z.object({ id: z.string().max(50).nullable(), data: campaignInput }))
    .mutation(({ ctx, input }) => saveCampaign(ctx.db, input.id, input.data)),
  delete: operatorProcedure.input(byId).mutation(({ ctx, input }) => deleteCampaign(ctx.db, input.id)),
  /** A Postman v2.1 collection (parsed JSON) becomes a campaign; the answer lists what was not converted. */
  importPostman: operatorProcedure.input(z.object({ collection: z.unknown() })).mutation(({ ctx, input }) => importPostmanCollection(ctx.db, input.collection)),
  importPostmanEnvironment: operatorProcedure
    .input(z.object({ file: z.unknown(), fileName: z.string().trim().min(1).max(100) }))
    .mutation(({ ctx, input }) => importPostmanEnvironment(ctx.db, input.file, input.fileName)),
  reports: viewerProcedure
    .input(z.object({ campaignId: z.string().min(1).max(50), limit: z.number().int().min(1).max(500).default(50) }))
    .query(({ ctx, input }) => listReports(ctx.db, input.campaignId, input.limit)),
  recentReports: viewerProcedure
    .input(z.object({ limit: z.number().int().min(1).max(50).default(5) }))
    .query(({ ctx, input }) => recentReports(ctx.db, input.limit)),
  report: viewerProcedure.input(byId).query(({ ctx, input }) => getReport(ctx.db, input.id)),
  logs: viewerProcedure.input(z.object({ resultId: z.string().min(1).max(50) })).query(({ ctx, input }) => resultLogs(ctx.db, input.resultId)),
  launch: operatorProcedure.input(launchInput).mutation(({ ctx, input }) => launchReport(ctx.db, input, ctx.user.id)),
  cancel: operatorProcedure.input(byId).mutation(({ ctx, input }) => cancelReport(ctx.db, input.id)),
});
