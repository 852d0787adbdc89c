import type { Db } from "../db/client";
import { workerStatus } from "./heartbeat";

/** Is Vigie itself fine: the database answers (and how fast), and a worker beat recently. */
export async function systemHealth(db: Db) {
  const started = performance.now();
  await db.$queryRaw`SELECT 1`;
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const worker = await workerStatus(db);
  return {
    database: { ok: true, latencyMs },
    worker: {
      alive: worker.alive,
      lastBeatAt: worker.lastBeatAt,
      ageSeconds: worker.workers[0]?.ageSeconds ?? null,
      staleSeconds: worker.staleSeconds,
      count: worker.workers.filter((w) => w.alive).length,
    },
  };
}
