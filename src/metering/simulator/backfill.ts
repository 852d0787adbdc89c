import type { Db } from "../../platform/db/client";
import { storeReadings, type ReadingInput } from "../storage/store-readings";
import { LoadModel, type SimulatorOptions } from "./load-model";

export type BackfillOptions = {
  from: Date;
  to: Date;
  intervalSeconds: number;
  timezone: string;
  simulator?: SimulatorOptions;
  /** Readings per transaction. */
  batchSize?: number;
  onProgress?: (stored: number) => void;
};

/**
 * Fills [from, to) with the simulator's readings every `intervalSeconds`, through the same storage
 * path as live readings (so roll-ups are built as in production): history for a demo, a test or a
 * benchmark.
 */
export async function backfillSimulatedReadings(
  db: Db,
  meter: { id: string; segment: number },
  options: BackfillOptions,
): Promise<{ stored: number; registers: Record<string, number> }> {
  const model = new LoadModel(options.simulator);
  const step = options.intervalSeconds * 1000;
  const size = options.batchSize ?? 5_000;
  let stored = 0;
  let batch: ReadingInput[] = [];
  let registers: Record<string, number> = {};
  const flush = async () => {
    const outcome = await storeReadings(db, meter, batch, {
      source: "simulator",
      timezone: options.timezone,
      expectedIntervalSeconds: options.intervalSeconds,
    });
    stored += outcome.stored;
    batch = [];
    options.onProgress?.(stored);
  };
  for (let t = options.from.getTime(); t < options.to.getTime(); t += step) {
    const at = new Date(t);
    const state = model.step(at);
    registers = state.registers;
    batch.push({ at, fields: state.fields, registers });
    if (batch.length >= size) await flush();
  }
  if (batch.length) await flush();
  // Where the registers ended: a live simulator started from them continues the same meter.
  return { stored, registers };
}
