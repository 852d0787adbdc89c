import { z } from "zod";
import { createTRPCRouter, adminProcedure, viewerProcedure } from "../trpc";
import { systemHealth } from "../../../platform/system/health";
import { workerStatus } from "../../../platform/system/heartbeat";
import { deleteJobs, listJobs, queueCounts, retryJobs } from "../../../platform/system/queue";
import { listSchedules } from "../../../platform/system/schedules";
import { databaseSize, liveEventRate } from "../../../platform/system/stats";

const jobIds = z.object({ ids: z.array(z.string().regex(/^\d+$/)).min(1).max(500) });

export const systemRouter = createTRPCRouter({
  /** For everyone's home page: the database answers and a worker is alive (details are on Système, for admins). */
  health: viewerProcedure.query(({ ctx }) => systemHealth(ctx.db)),
  overview: adminProcedure.query(async ({ ctx }) => {
    const [worker, queue, schedules, dbSize, events] = await Promise.all([
      workerStatus(ctx.db),
      queueCounts(ctx.db),
      listSchedules(ctx.db),
      databaseSize(ctx.db),
      liveEventRate(ctx.db),
    ]);
    return { worker, queue, schedules, databaseSizeBytes: dbSize, liveEvents: events, sseConnections: ctx.hub.subscriberCount };
  }),
  jobs: adminProcedure
    .input(
      z.object({
        state: z.enum(["all", "pending", "scheduled", "running", "failed", "retrying"]).default("all"),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(({ ctx, input }) => listJobs(ctx.db, input.state, input.limit)),
  retryJobs: adminProcedure.input(jobIds).mutation(async ({ ctx, input }) => ({ retried: await retryJobs(ctx.db, input.ids) })),
  deleteJobs: adminProcedure.input(jobIds).mutation(async ({ ctx, input }) => ({ deleted: await deleteJobs(ctx.db, input.ids) })),
});
