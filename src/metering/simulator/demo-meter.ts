import type { Db } from "../../platform/db/client";
import { createMeter, resyncLinks } from "../meters/meters";
import { backfillSimulatedReadings } from "./backfill";
import type { SimulatorOptions } from "./load-model";

/** Enough history for the analysis screen's forecast and its 4-week backtest (8 weeks), and a day. */
const HISTORY_DAYS = 57;

/**
 * The demo meter of a fresh install: a simulated E450 pushing DSMR every 10 s, with eight weeks of
 * past readings (every 15 minutes) so history, analysis and the forecast have something to show.
 * The live simulator then continues from the registers the history ended on.
 */
export async function createDemoMeter(db: Db, options: { timezone: string; now?: Date }) {
  const simulator: SimulatorOptions = { pvPeakW: 3000, incidents: true };
  const meter = await createMeter(db, {
    name: "Compteur démo (simulé)",
    serialNumber: "E450SIM0001",
    protocol: "DSMR",
    transport: "SIMULATED",
    pollIntervalSeconds: 10,
    simulator: { ...simulator },
    enabled: false,
  });
  const now = options.now ?? new Date();
  const to = new Date(now.getTime() - (now.getTime() % 900_000));
  const { registers } = await backfillSimulatedReadings(db, meter, {
    from: new Date(to.getTime() - HISTORY_DAYS * 86_400_000),
    to,
    intervalSeconds: 900,
    timezone: options.timezone,
    simulator,
  });
  // Enabled only now, so the worker's simulator starts where the history ends.
  const demo = await db.meter.update({ where: { id: meter.id }, data: { enabled: true, simulator: { ...simulator, startRegisters: registers } } });
  await resyncLinks(db);
  return demo;
}
