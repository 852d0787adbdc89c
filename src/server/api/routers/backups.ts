import { z } from "zod";
import { type checkLocation, createBackupJob, deleteBackupJob, requestScan, setBackupJobPaused, updateBackupJob } from "../../../backups/jobs";
import { backupJobTimeline, getBackupJob, listBackupJobs, listBackupScans } from "../../../backups/queries";
import { backupJobInput, backupJobUpdate } from "../../../backups/schemas";
import { askWorker } from "../../ask-worker";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";

const jobId = z.object({ id: z.string().min(1).max(50) });

export const backupsRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listBackupJobs(ctx.db)),
  get: viewerProcedure.input(jobId).query(({ ctx, input }) => getBackupJob(ctx.db, input.id)),
  timeline: viewerProcedure
    .input(jobId.extend({ limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => backupJobTimeline(ctx.db, input.id, input.limit)),
  scans: viewerProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => listBackupScans(ctx.db, input.limit)),
  create: operatorProcedure.input(backupJobInput).mutation(({ ctx, input }) => createBackupJob(ctx.db, input)),
  update: operatorProcedure.input(backupJobUpdate).mutation(({ ctx, input }) => updateBackupJob(ctx.db, input.id, input.data)),
  setPaused: operatorProcedure.input(jobId.extend({ paused: z.boolean() })).mutation(({ ctx, input }) => setBackupJobPaused(ctx.db, input.id, input.paused)),
  delete: operatorProcedure.input(jobId).mutation(({ ctx, input }) => deleteBackupJob(ctx.db, input.id)),
  checkLocation: operatorProcedure
    .input(z.object({ location: z.string().trim().min(1).max(4096) }))
    // The scanner runs on a worker: whether it can read the folder is asked there.
    .mutation(({ ctx, input }) => askWorker<Awaited<ReturnType<typeof checkLocation>>>(ctx.db, ctx.hub, "backup_location_check", { location: input.location })),
  scanNow: operatorProcedure
    .input(z.object({ jobId: z.string().min(1).max(50).optional() }).default({}))
    .mutation(({ ctx, input }) => requestScan(ctx.db, input.jobId)),
});
