import { tracked, TRPCError } from "@trpc/server";
import { z } from "zod";
import { mapAsyncIterable } from "../../../lib/map-async-iterable";
import { createTRPCRouter, viewerProcedure } from "../trpc";
import { canSubscribe } from "../../../platform/live/topics";

const liveSubscribeInput = z.object({
  topic: z.string().min(1).max(100),
  lastEventId: z.string().regex(/^\d+$/).nullish(),
});

export const liveRouter = createTRPCRouter({
  /**
   * Server-sent events of one topic. Each event carries its id, so a reconnecting client (the
   * browser sends Last-Event-ID, tRPC passes it as `lastEventId`) gets what it missed, in order.
   * The hub's record is shared by every subscriber of the topic, so the SSE transport can
   * serialise it once for all of them.
   */
  subscribe: viewerProcedure.input(liveSubscribeInput).subscription(({ ctx, input, signal }) => {
    if (!canSubscribe(ctx.user.role, input.topic)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Not allowed to follow ${input.topic}.` });
    }
    const lastEventId = input.lastEventId ? BigInt(input.lastEventId) : null;
    return mapAsyncIterable(ctx.hub.subscribe(input.topic, { lastEventId, signal }), (event) => tracked(String(event.id), event));
  }),
});
