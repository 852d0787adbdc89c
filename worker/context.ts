import type { Db } from "../src/platform/db/client";
import type { Logger } from "../src/platform/logger";
import type { MeterIngestor } from "../src/metering/ingest";
import type { MeterSupervisor } from "../src/metering/meters/supervisor";

/** What tasks share: set once by worker/index.ts before the runner starts. */
export type WorkerContext = { db: Db; log: Logger; databaseUrl: string; ingestor: MeterIngestor; meters: MeterSupervisor };

let current: WorkerContext | undefined;

export function setWorkerContext(context: WorkerContext) {
  current = context;
}

export function workerContext(): WorkerContext {
  if (!current) throw new Error("Worker context used before the worker started");
  return current;
}
