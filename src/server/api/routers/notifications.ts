import { z } from "zod";
import { createTRPCRouter, adminProcedure } from "../trpc";
import { channelInputSchema } from "../../../platform/notifications/channel-config";
import {
  createChannel,
  deleteChannel,
  listChannelDeliveries,
  listChannels,
  sendTestNotification,
  updateChannel,
} from "../../../platform/notifications/channels";
import { severitySchema } from "../../../platform/alerts/schemas";

const channelId = z.object({ id: z.string().min(1).max(50) });
const channelFields = z.object({
  name: z.string().trim().min(1).max(100),
  minSeverity: severitySchema,
  enabled: z.boolean().default(true),
});
const saveChannelInput = z.intersection(channelFields, channelInputSchema);

export const notificationsRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listChannels(ctx.db)),
  deliveries: adminProcedure.input(channelId).query(({ ctx, input }) => listChannelDeliveries(ctx.db, input.id)),
  create: adminProcedure.input(saveChannelInput).mutation(({ ctx, input }) => createChannel(ctx.db, input)),
  update: adminProcedure.input(z.intersection(channelId, saveChannelInput)).mutation(({ ctx, input }) => updateChannel(ctx.db, input.id, input)),
  delete: adminProcedure.input(channelId).mutation(({ ctx, input }) => deleteChannel(ctx.db, input.id)),
  sendTest: adminProcedure.input(channelId).mutation(async ({ ctx, input }) => {
    try {
      await sendTestNotification(ctx.db, input.id);
      return { ok: true as const };
    } catch (err) {
      return { ok: false as const, error: (err as Error).message };
    }
  }),
});
