import { z } from "zod";
import { createTRPCRouter, adminProcedure } from "../trpc";
import { listAppSettings, updateAppSetting, updateAppSettings } from "../../../composition/settings-catalog";
import { settingHistory } from "../../../platform/settings/settings";

const key = z.string().min(1).max(100);

export const settingsRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listAppSettings(ctx.db)),
  /** `value` is checked against the setting's own type and rules by updateSetting. */
  update: adminProcedure.input(z.object({ key, value: z.json() })).mutation(({ ctx, input }) => updateAppSetting(ctx.db, input.key, input.value, ctx.user.id)),
  /** One form's group, stored all or none. */
  updateMany: adminProcedure
    .input(z.object({ values: z.record(key, z.json()).refine((v) => Object.keys(v).length <= 100, "at most 100 settings at once") }))
    .mutation(({ ctx, input }) => updateAppSettings(ctx.db, input.values, ctx.user.id)),
  history: adminProcedure.input(z.object({ key })).query(({ ctx, input }) => settingHistory(ctx.db, input.key)),
});
