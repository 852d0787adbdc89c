import { z } from "zod";
import { deleteTariff, energyCost, listTariffs, saveTariff, tariffInput } from "../../../metering/tariffs";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";

export const energyRouter = createTRPCRouter({
  tariffs: viewerProcedure.query(({ ctx }) => listTariffs(ctx.db)),
  saveTariff: operatorProcedure.input(z.object({ id: z.string().max(50).nullable(), data: tariffInput })).mutation(({ ctx, input }) => saveTariff(ctx.db, input.id, input.data)),
  deleteTariff: operatorProcedure.input(z.object({ id: z.string().min(1).max(50) })).mutation(({ ctx, input }) => deleteTariff(ctx.db, input.id)),
  /** Cost per day and month; at most about two years at once. */
  cost: viewerProcedure
    .input(z.object({ from: z.coerce.date(), to: z.coerce.date(), meterId: z.string().max(50).optional() }).refine((i) => i.from < i.to && i.to.getTime() - i.from.getTime() <= 800 * 86_400_000, "from before to, at most 800 days"))
    .query(({ ctx, input }) => energyCost(ctx.db, input)),
});
