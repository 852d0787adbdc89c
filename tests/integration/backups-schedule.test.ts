import { Logger as GraphileLogger, run, type Runner } from "graphile-worker";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureScanSchedule } from "../../src/backups/scan-cadence";
import { MeterIngestor } from "../../src/metering/ingest";
import { MeterSupervisor } from "../../src/metering/meters/supervisor";
import { SCHEDULED_SCAN_KEY, startScanSchedule, stopScanSchedule } from "../../src/backups/scan-schedule";
import type { Logger } from "../../src/platform/logger";
import { updateAppSetting } from "../../src/composition/settings-catalog";
import { setWorkerContext } from "../../worker/context";
import { backup_scan } from "../../worker/tasks/backup_scan";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { waitFor } from "./helpers/wait";

let t: TestDatabase;
let runner: Runner | null = null;
const errors: { message: string; context?: Record<string, unknown> }[] = [];
const log: Logger = { debug() {}, info() {}, warn() {}, error: (message, context) => errors.push({ message, context }) };

beforeAll(async () => {
  t = await createTestDatabase();
  const ingestor = new MeterIngestor(t.db);
  setWorkerContext({ db: t.db, log, databaseUrl: t.url, ingestor, meters: new MeterSupervisor(t.db, ingestor, log) });
});
afterEach(async () => {
  await runner?.stop();
  runner = null;
  await stopScanSchedule(t.db);
  await t.db.backupScan.deleteMany();
});
afterAll(() => t.drop());

async function startWorker() {
  runner = await run({
    connectionString: t.url,
    concurrency: 1,
    taskList: { backup_scan },
    pollInterval: 100,
    noHandleSignals: true,
    logger: new GraphileLogger(() => () => {}),
  });
}

const scheduled = () =>
  t.db.$queryRaw<{ id: bigint; run_at: Date; locked_at: Date | null }[]>`
    SELECT id, run_at, locked_at FROM graphile_worker.jobs WHERE key = ${SCHEDULED_SCAN_KEY}`;
const scheduledScans = () => t.db.backupScan.findMany({ where: { trigger: "schedule" }, orderBy: { startedAt: "asc" } });
/** 0.04 minutes: 2.4 s between scans. */
const SHORT_MINUTES = 0.04;

describe("scheduled backup scans on graphile-worker", () => {
  it("starting twice adds no second schedule and keeps the planned time; stopping twice is harmless", async () => {
    const planned = new Date(Date.now() + 3_600_000);
    await startScanSchedule(t.db, planned);
    await startScanSchedule(t.db);
    await ensureScanSchedule(t.db);
    const rows = await scheduled();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.run_at).toEqual(planned);
    await stopScanSchedule(t.db);
    await stopScanSchedule(t.db);
    expect(await scheduled()).toHaveLength(0);
  });

  it("runs at the configured interval, then follows a new interval without a restart", async () => {
    await updateAppSetting(t.db, "backups.scannerIntervalMinutes", SHORT_MINUTES, null);
    await startScanSchedule(t.db);
    await startWorker();
    // Each run plans the next one interval after its own planned time.
    const planned = new Set<number>();
    await waitFor(
      async () => {
        for (const row of await scheduled()) planned.add(row.run_at.getTime());
        return planned.size >= 4;
      },
      "four planned runs",
      15_000,
      20,
    );
    const times = [...planned].sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(SHORT_MINUTES * 60_000);
    const scans = await scheduledScans();
    expect(scans.length).toBeGreaterThanOrEqual(3);
    expect(scans.every((s) => s.status === "COMPLETED")).toBe(true);

    await updateAppSetting(t.db, "backups.scannerIntervalMinutes", 60, null);
    const [next] = await scheduled();
    const last = (await scheduledScans()).at(-1)!;
    expect(next!.run_at.getTime()).toBe(last.startedAt!.getTime() + 3_600_000);
    expect(await scheduled()).toHaveLength(1);
  });

  it("runs a slightly late scan once and coalesces a long outage into a single run", async () => {
    await updateAppSetting(t.db, "backups.scannerIntervalMinutes", 10, null);
    await startScanSchedule(t.db, new Date(Date.now() - 3 * 3_600_000));
    await startWorker();
    await waitFor(async () => (await scheduledScans()).length === 1 && ((await scheduled())[0]?.run_at.getTime() ?? 0) > Date.now(), "the coalesced run");
    const [next] = await scheduled();
    expect(next!.run_at.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(await scheduledScans()).toHaveLength(1);

    await runner!.stop();
    runner = null;
    await t.db.backupScan.deleteMany();
    const lateBy40s = new Date(Date.now() - 40_000);
    await t.db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = ${lateBy40s} WHERE key = ${SCHEDULED_SCAN_KEY}`;
    await startWorker();
    await waitFor(async () => (await scheduledScans()).length === 1 && ((await scheduled())[0]?.run_at.getTime() ?? 0) > Date.now(), "the late run");
    // It keeps the rhythm: the next one is one interval after the time it was due.
    expect((await scheduled())[0]!.run_at.getTime()).toBe(lateBy40s.getTime() + 10 * 60_000);
  });

  it("logs a failed run with its context, releases its connections, and the next run still happens", async () => {
    await updateAppSetting(t.db, "backups.scannerIntervalMinutes", SHORT_MINUTES, null);
    await t.db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION refuse_scan() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'scan table refused'; END $$ LANGUAGE plpgsql`,
    );
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_scan BEFORE UPDATE ON "BackupScan" FOR EACH ROW WHEN (NEW.status = 'COMPLETED') EXECUTE FUNCTION refuse_scan()`,
    );
    errors.length = 0;
    await startScanSchedule(t.db);
    await startWorker();
    await waitFor(() => errors.length >= 1, "the failure to be logged");
    expect(errors[0]).toMatchObject({ message: "backup scan failed", context: { trigger: "schedule", jobKey: SCHEDULED_SCAN_KEY } });
    expect(String((errors[0]!.context!.error as Error).message)).toMatch(/scan table refused/);
    const open = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(open[0]!.n).toBe(0);

    await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_scan ON "BackupScan"`);
    await waitFor(async () => (await scheduledScans()).some((s) => s.status === "COMPLETED"), "a later run to complete");
    const failed = await t.db.backupScan.findFirst({ where: { status: "FAILED" } });
    expect(failed).not.toBeNull();
    const jobErrors = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE last_error IS NOT NULL`;
    expect(jobErrors[0]!.n).toBe(0);
  });
});
