import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/embedded-postgres";
import { MeterIngestor } from "../../src/metering/ingest";
import { MeterOwnership } from "../../src/metering/meters/ownership";
import { MeterSupervisor } from "../../src/metering/meters/supervisor";
import { createDb, type Db } from "../../src/platform/db/client";
import { migrateDatabase } from "../../src/platform/db/migrate";
import type { Logger } from "../../src/platform/logger";
import { waitFor } from "./helpers/wait";

// This file stops PostgreSQL for a minute, so it runs its own cluster rather than the shared one.
const dataDir = join("tests", ".tmp", `outage-${process.pid}`);
const journalDir = join("tests", ".tmp", `outage-journal-${process.pid}`);
const METERS = 20;
const OUTAGE_MS = 60_000;
let port: number;
let pg: EmbeddedDatabase;
let db: Db;
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const heldLocks = async () =>
  Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = ${0x5647} AND granted`)[0]!.n);
const startCluster = () => startEmbeddedPostgres({ dataDir, port, database: "vigie", password: "outage-test" });

beforeAll(async () => {
  port = await freePort();
  pg = await startCluster();
  await migrateDatabase(pg.url);
  db = createDb(pg.url, { max: 4, connectionTimeoutMillis: 2_000 });
});

afterAll(async () => {
  await db?.$disconnect();
  await pg?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(journalDir, { recursive: true, force: true });
});

describe("readings survive a PostgreSQL outage", { timeout: 240_000 }, () => {
  it(`${METERS} push meters at one reading a second, PostgreSQL stopped for ${OUTAGE_MS / 1000} s: every reading stored once`, async () => {
    await db.meter.createMany({
      data: Array.from({ length: METERS }, (_, i) => ({
        name: `push ${i}`,
        protocol: "DSMR" as const,
        transport: "SIMULATED" as const,
        pollIntervalSeconds: 1,
        simulator: { seed: i + 1, intervalMs: 1_000 },
      })),
    });
    // A small memory bound, so that the outage goes through the journal too.
    // With the meter locks several workers share: the links must outlive the lock connection's loss.
    const supervisor = new MeterSupervisor(db, new MeterIngestor(db), quiet, { memoryLimit: 10, journalDir }, new MeterOwnership(pg.url, quiet));
    await supervisor.sync();
    await waitFor(async () => (await db.reading.count()) >= METERS * 2, "readings from every meter before the outage");

    await pg.stop();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    // Frames kept while it was away, part of them in the journal.
    expect((await readdir(journalDir)).length).toBeGreaterThan(0);
    pg = await startCluster();

    await waitFor(async () => (await db.reading.count()) > 0 && supervisor.backlog === 0, "the backlog stored after the restart", 120_000);
    await waitFor(async () => (await heldLocks()) === METERS, "every meter's lock taken again", 30_000);
    expect(supervisor.running).toHaveLength(METERS);
    await supervisor.stop();
    const received = supervisor.framesReceived;
    const stored = await db.reading.count();
    // Readings are unique on (meter, time): stored once, and none missing.
    expect(stored).toBe(received);
    expect(received).toBeGreaterThanOrEqual(METERS * (OUTAGE_MS / 1000));
    expect(await readdir(journalDir).catch(() => [])).toEqual([]);
  });
});
