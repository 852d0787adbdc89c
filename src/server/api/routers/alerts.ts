import { z } from "zod";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";
import { acknowledgeAlerts, alertFacets, countUnacknowledged, listAlerts } from "../../../platform/alerts/alerts";
import { alertFilterSchema } from "../../../platform/alerts/schemas";
import { withSourceNames } from "../../../composition/alert-sources";

export const alertsRouter = createTRPCRouter({
  list: viewerProcedure
    .input(
      z.object({
        filter: alertFilterSchema.default({}),
        cursor: z.string().max(50).nullish(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const page = await listAlerts(ctx.db, input.filter, { cursor: input.cursor ?? undefined, limit: input.limit });
      return { ...page, items: await withSourceNames(ctx.db, page.items) };
    }),
  facets: viewerProcedure.query(({ ctx }) => alertFacets(ctx.db)),
  unacknowledgedCount: viewerProcedure.query(({ ctx }) => countUnacknowledged(ctx.db)),
  acknowledge: operatorProcedure
    .input(z.object({ ids: z.array(z.string().min(1).max(50)).min(1).max(1000), comment: z.string().trim().max(500).default("") }))
    .mutation(({ ctx, input }) => acknowledgeAlerts(ctx.db, input.ids, ctx.user.id, input.comment)),
});
