import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../scripts/lib/embedded-postgres";
import { raiseAlert } from "../../src/platform/alerts/alerts";
import { createDb, type Db } from "../../src/platform/db/client";
import { migrateDatabase } from "../../src/platform/db/migrate";
import { LiveHub } from "../../src/platform/live/hub";
import { spawnTs, type Spawned } from "./helpers/processes";
import { startHttpReceiver } from "./helpers/receivers";
import { collect, waitFor } from "./helpers/wait";

// This file restarts PostgreSQL, so it runs its own cluster rather than the shared one.
const dataDir = join("tests", ".tmp", `worker-${process.pid}`);
let port: number;
let pg: EmbeddedDatabase;
let db: Db;
let worker: Spawned;
let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;

const startCluster = () => startEmbeddedPostgres({ dataDir, port, database: "vigie", password: "worker-test" });
const lastBeat = async () => (await db.workerHeartbeat.findFirst({ orderBy: { beatAt: "desc" } }))?.beatAt ?? new Date(0);

beforeAll(async () => {
  port = await freePort();
  pg = await startCluster();
  await migrateDatabase(pg.url);
  db = createDb(pg.url, { max: 3 });
  receiver = await startHttpReceiver();
  await db.notificationChannel.create({
    data: { name: "hook", kind: "WEBHOOK", minSeverity: "INFO", config: { url: `${receiver.url}/hook`, headers: {} } },
  });
  worker = spawnTs("worker/index.ts", { DATABASE_URL: pg.url, VIGIE_HEARTBEAT_SECONDS: "1", LOG_LEVEL: "info" });
  await waitFor(() => db.workerHeartbeat.count(), "the first heartbeat", 60_000);
});

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await receiver?.close();
  await db?.$disconnect();
  await pg?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const alert = { sourceKind: "SYSTEM" as const, severity: "WARNING" as const, category: "test" };
const named = (channel: string) => ({ ...alert, type: "notification.test" as const, params: { channel } });

describe("the worker process", () => {
  it("beats regularly and announces it on the live stream", async () => {
    const first = await lastBeat();
    await waitFor(async () => (await lastBeat()) > first, "a later heartbeat");
    expect(await db.liveEvent.count({ where: { topic: "system", type: "worker.heartbeat" } })).toBeGreaterThan(0);
  });

  it("sends an alert's notifications, retrying with backoff when the receiver fails", async () => {
    receiver.failNext(1);
    const raised = (await raiseAlert(db, named("retry me")))!;
    const delivery = await waitFor(
      () => db.notificationDelivery.findFirst({ where: { alertId: raised.id, status: "SENT" } }),
      "the delivery after a retry",
      30_000,
    );
    expect(delivery.attempts).toBe(2);
    const hits = receiver.received.filter((r) => r.body.includes(raised.id));
    expect(hits).toHaveLength(2);
  });

  it("survives a PostgreSQL restart, as does a web-side live hub and database client", async () => {
    const hub = new LiveHub({ listenUrl: pg.url, db });
    const abort = new AbortController();
    const events = collect(hub.subscribe("system", { signal: abort.signal }));
    await waitFor(() => events.items.length > 0, "heartbeats through the hub");

    await pg.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    pg = await startCluster();
    const restartedAt = new Date();

    await waitFor(async () => (await lastBeat()) > restartedAt, "a heartbeat after the restart", 45_000);
    expect(worker.child.exitCode).toBeNull();
    const seen = events.items.length;
    await waitFor(() => events.items.length > seen && events.items.at(-1)!.createdAt > restartedAt, "live events after the restart", 30_000);

    const raised = (await raiseAlert(db, named("after restart")))!;
    await waitFor(() => db.notificationDelivery.findFirst({ where: { alertId: raised.id, status: "SENT" } }), "a delivery after the restart", 30_000);
    abort.abort();
    await hub.stop();
  });

  it("keeps a job's outcome, and lives on, when PostgreSQL stops while the job runs", async () => {
    receiver.holdNext(3_000);
    const raised = (await raiseAlert(db, named("during an outage")))!;
    await waitFor(() => receiver.received.some((r) => r.body.includes(raised.id)), "the webhook call under way");
    await pg.stop();
    // The job ends while PostgreSQL is away: its outcome waits for the database.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(worker.child.exitCode).toBeNull();
    pg = await startCluster();
    await waitFor(
      () => db.notificationDelivery.findFirst({ where: { alertId: raised.id, status: "SENT" } }),
      "the delivery recorded after the restart",
      60_000,
    );
    expect(worker.child.exitCode).toBeNull();
  });

  it("stops cleanly on SIGTERM and says so", async () => {
    const code = await worker.stop("SIGTERM");
    expect(code).toBe(0);
    expect(worker.output()).toContain("worker stopped");
    const row = await db.workerHeartbeat.findFirst({ orderBy: { beatAt: "desc" } });
    expect(row?.stoppedAt).toBeInstanceOf(Date);
  });
});

describe("with PostgreSQL unreachable at start", () => {
  it.each([
    ["the worker", "worker/index.ts"],
    ["npm start", "scripts/start.ts"],
  ])("%s explains the problem, retries, and exits without a stack trace", async (_name, entry) => {
    const closed = await freePort();
    const run = spawnTs(entry, { DATABASE_URL: `postgresql://vigie@127.0.0.1:${closed}/vigie`, VIGIE_DB_WAIT_SECONDS: "2" });
    expect(await run.exited).toBe(1);
    const out = run.output();
    expect(out).toContain(`PostgreSQL at 127.0.0.1:${closed}/vigie is not reachable (ECONNREFUSED); retrying`);
    expect(out).toContain("did not answer within 2 s");
    expect(out).not.toMatch(/^\s+at /m);
  });
});
