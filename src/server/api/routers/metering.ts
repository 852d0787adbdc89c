import { z } from "zod";
import { energyAnalysis, energyForecast } from "../../../metering/analysis";
import { energyDashboard } from "../../../metering/dashboard";
import { energyHistory } from "../../../metering/history";
import { energySettings } from "../../../metering/settings";
import { deleteTariff, energyCost, listTariffDays, saveTariff, tariffInput } from "../../../metering/tariffs";
import type { Db } from "../../../platform/db/client";
import { getSetting } from "../../../platform/settings/settings";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";

const meterId = z.string().min(1).max(50).optional();
/** A range of at most `days` days, `from` before `to`. */
const range = (days: number) =>
  z
    .object({ from: z.coerce.date(), to: z.coerce.date(), meterId })
    .refine((i) => i.from < i.to && i.to.getTime() - i.from.getTime() <= days * 86_400_000, `from before to, at most ${days} days`);
const siteTimezone = (db: Db) => getSetting(db, energySettings.timezone);

export const meteringRouter = createTRPCRouter({
  /** The site's time zone: the energy screens count days, weeks and months in it. */
  timezone: viewerProcedure.query(({ ctx }) => siteTimezone(ctx.db)),
  dashboard: viewerProcedure
    .input(z.object({ meterId }))
    .query(async ({ ctx, input }) => energyDashboard(ctx.db, { timezone: await siteTimezone(ctx.db), meterId: input.meterId })),
  /** Minute buckets up to 36 h, hourly roll-ups up to 93 days, daily beyond. */
  history: viewerProcedure.input(range(800)).query(({ ctx, input }) => energyHistory(ctx.db, input)),
  analysis: viewerProcedure.input(range(800)).query(async ({ ctx, input }) => energyAnalysis(ctx.db, { ...input, timezone: await siteTimezone(ctx.db) })),
  forecast: viewerProcedure
    .input(z.object({ meterId }))
    .query(async ({ ctx, input }) => energyForecast(ctx.db, { timezone: await siteTimezone(ctx.db), meterId: input.meterId })),
  tariffs: viewerProcedure.query(async ({ ctx }) => listTariffDays(ctx.db, await siteTimezone(ctx.db))),
  saveTariff: operatorProcedure
    .input(z.object({ id: z.string().max(50).nullable(), data: tariffInput }))
    .mutation(async ({ ctx, input }) => saveTariff(ctx.db, input.id, input.data, await siteTimezone(ctx.db))),
  deleteTariff: operatorProcedure.input(z.object({ id: z.string().min(1).max(50) })).mutation(({ ctx, input }) => deleteTariff(ctx.db, input.id)),
  /** Cost per day and month; at most about two years at once. */
  cost: viewerProcedure.input(range(800)).query(({ ctx, input }) => energyCost(ctx.db, input)),
});
