import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { spawnTs, type Spawned } from "./helpers/processes";
import { waitFor } from "./helpers/wait";

const METERS = 4;
const dataDir = join("tests", ".tmp", `ownership-${process.pid}`);
let t: TestDatabase;
const workers: Spawned[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  for (const w of workers) await w.stop("SIGKILL");
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const startWorker = () => {
  const worker = spawnTs("worker/index.ts", {
    DATABASE_URL: t.url,
    VIGIE_DATA_DIR: dataDir,
    VIGIE_HEARTBEAT_SECONDS: "1",
    LOG_LEVEL: "info",
    VIGIE_SECRET_KEY: "44".repeat(32),
  });
  workers.push(worker);
  return worker;
};

/** Backends holding a meter link lock, per meter. */
const holders = async () => {
  const rows = await t.db.$queryRaw<{ objid: number; holders: bigint; pid: number }[]>`
    SELECT objid::int, count(*) OVER (PARTITION BY objid) AS holders, pid FROM pg_locks WHERE locktype = 'advisory' AND classid = ${0x5647} AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
  return {
    meters: new Set(rows.map((r) => r.objid)).size,
    maxHolders: Math.max(0, ...rows.map((r) => Number(r.holders))),
    backends: new Set(rows.map((r) => r.pid)),
  };
};
const readings = () => t.db.reading.count();

describe("meter links with two workers", { timeout: 180_000 }, () => {
  it("each meter is read by one worker, and the other takes over within 30 s of its death", async () => {
    await t.db.meter.createMany({
      data: Array.from({ length: METERS }, (_, i) => ({
        name: `shared ${i}`,
        protocol: "DSMR" as const,
        transport: "SIMULATED" as const,
        pollIntervalSeconds: 1,
        simulator: { seed: i + 1, intervalMs: 1_000 },
      })),
    });
    const first = startWorker();
    await waitFor(async () => (await holders()).meters === METERS, "the first worker holding every meter", 60_000);
    const firstBackends = (await holders()).backends;

    startWorker();
    await waitFor(() => t.db.workerHeartbeat.count({ where: { stoppedAt: null } }).then((n) => n === 2), "the second worker beating", 60_000);
    // Give the second worker's links every chance to start: none may.
    await new Promise((r) => setTimeout(r, 3_000));
    const both = await holders();
    expect(both.maxHolders).toBe(1);
    expect(both.backends).toEqual(firstBackends);

    await first.stop("SIGKILL");
    const killedAt = Date.now();
    await waitFor(
      async () => {
        const now = await holders();
        return now.meters === METERS && [...now.backends].every((b) => !firstBackends.has(b));
      },
      "the second worker holding every meter",
      45_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(40_000);
    const before = await readings();
    await waitFor(async () => (await readings()) >= before + METERS, "readings from the second worker", 20_000);
    expect((await holders()).maxHolders).toBe(1);
  });
});
