import { z } from "zod";
import type { listSerialPorts } from "../../../metering/links/serial-link";
import { createMeter, deleteMeter, rotateIngestToken, updateMeter } from "../../../metering/meters/meters";
import { meterOverview, meterThresholdsInput, setMeterThresholds } from "../../../metering/meters/overview";
import { recentMeterFrames } from "../../../metering/meters/frames";
import { getMeter, listMeters } from "../../../metering/meters/queries";
import { meterInput } from "../../../metering/meters/schemas";
import type { MeterTestResult } from "../../../metering/meters/test-read";
import { askWorker } from "../../ask-worker";
import { adminProcedure, createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";

const meterId = z.object({ id: z.string().min(1).max(50) });

export const metersRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listMeters(ctx.db)),
  get: viewerProcedure.input(meterId).query(({ ctx, input }) => getMeter(ctx.db, input.id)),
  overview: viewerProcedure.input(meterId).query(({ ctx, input }) => meterOverview(ctx.db, input.id)),
  frames: viewerProcedure.input(meterId).query(({ ctx, input }) => recentMeterFrames(ctx.db, input.id)),
  setThresholds: operatorProcedure
    .input(meterId.extend({ thresholds: meterThresholdsInput }))
    .mutation(({ ctx, input }) => setMeterThresholds(ctx.db, input.id, input.thresholds)),
  /** Asked of a worker: meter links are opened there, the web host may have no port at all. */
  ports: operatorProcedure.query(({ ctx }) =>
    askWorker<{ host: string; ports: Awaited<ReturnType<typeof listSerialPorts>> }>(ctx.db, ctx.hub, "serial_ports_list", {}, 5_000),
  ),
  create: adminProcedure.input(meterInput).mutation(({ ctx, input }) => createMeter(ctx.db, input)),
  update: adminProcedure
    .input(z.object({ id: z.string().min(1).max(50), data: meterInput }))
    .mutation(({ ctx, input }) => updateMeter(ctx.db, input.id, input.data)),
  delete: adminProcedure.input(meterId).mutation(({ ctx, input }) => deleteMeter(ctx.db, input.id)),
  /** A new datalogger token, returned once. */
  rotateIngestToken: adminProcedure.input(meterId).mutation(async ({ ctx, input }) => ({ token: await rotateIngestToken(ctx.db, input.id) })),
  /**
   * Asks the worker (which owns the ports) for one read and waits for its answer: decoded values,
   * the link's own error, or "no worker answered" after the read's 15 s and some slack.
   */
  testConnection: operatorProcedure.input(meterId).mutation(async ({ ctx, input }) => {
    await getMeter(ctx.db, input.id);
    return askWorker<MeterTestResult>(ctx.db, ctx.hub, "meter_test_read", { meterId: input.id }, 25_000);
  }),
});
