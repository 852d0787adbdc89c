import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArtefactIngest } from "../../src/backups/artefact-ingest";
import { createBackupJob, deleteBackupJob, setBackupJobPaused } from "../../src/backups/jobs";
import { runScanner } from "../../src/backups/scanner";
import { settleBackupJob } from "../../src/backups/settle";
import { createDb } from "../../src/platform/db/client";
import { backupTree } from "./helpers/backup-tree";
import { checkLiveEvent } from "../../src/platform/live/events";
import { topics } from "../../src/platform/live/topics";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof backupTree>>;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  tree = await backupTree();
});
afterAll(async () => {
  await tree.remove();
  await t.drop();
});

const hourly = (name: string, location: string, extra: object = {}) =>
  createBackupJob(t.db, { name, location, pattern: "*.tar.gz", scheduleKind: "INTERVAL", intervalMinutes: 60, graceMinutes: 30, ...extra });

describe("runScanner", () => {
  it("records new artefacts, marks the job OK, and records the scan run", async () => {
    await tree.file("db/db-1.tar.gz", 1000, minutesAgo(70));
    await tree.file("db/db-2.tar.gz", 1100, minutesAgo(10));
    await tree.file("db/notes.txt", 5, minutesAgo(5));
    const job = await hourly("db", join(tree.root, "db"));
    expect(job.status).toBe("NEW");

    const summary = await runScanner(t.db, { trigger: "manual", jobId: job.id });
    expect(summary).toMatchObject({ jobsScanned: 1, artefactsSeen: 2, newArtefacts: 2, errors: [] });
    const after = await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(after).toMatchObject({ status: "OK", latestArtefactPath: "db-2.tar.gz", latestArtefactSize: 1100n });
    expect(after.nextDeadlineAt!.getTime()).toBeGreaterThan(Date.now());
    const scan = await t.db.backupScan.findUniqueOrThrow({ where: { id: summary.scanId } });
    expect(scan).toMatchObject({ status: "COMPLETED", jobsScanned: 1, artefactsSeen: 2, newArtefacts: 2, errorCount: 0 });
    const flips = await t.db.backupStatusFlip.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(flips.map((f) => `${f.fromStatus}→${f.toStatus}`)).toEqual(["NEW→OK"]);
    // A new job's first artefact is history and a live event, not an alert: nothing was wrong.
    expect(flips[0]!.alertId).toBeNull();
    expect(await t.db.alert.count({ where: { sourceId: job.id } })).toBe(0);
    const events = await t.db.liveEvent.findMany({
      where: { topic: { in: [topics.alerts, topics.backup(job.id)] }, type: { in: ["alert.raised", "job.status"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.topic, e.type])).toEqual([[topics.backup(job.id), "job.status"]]);
  });

  it("writes nothing on a rescan of an unchanged location, and picks up a new file", async () => {
    const job = await hourly("steady", join(tree.root, "steady"));
    await tree.file("steady/a.tar.gz", 500, minutesAgo(20));
    await runScanner(t.db, { trigger: "manual", jobId: job.id });
    const before = await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(before.scanFingerprint).toMatch(/^1:/);
    const rescannedAt = new Date(Date.now() + 60_000);
    const again = await runScanner(t.db, { trigger: "manual", jobId: job.id }, () => rescannedAt);
    expect(again).toMatchObject({ artefactsSeen: 1, newArtefacts: 0, flips: [] });
    const after = await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } });
    expect({ ...after, updatedAt: null, lastScanAt: null }).toEqual({ ...before, updatedAt: null, lastScanAt: null });
    // Only the scan's time is written: the page says when the location was last looked at.
    expect(after.lastScanAt).toEqual(rescannedAt);
    await tree.file("steady/b.tar.gz", 510, minutesAgo(1));
    expect(await runScanner(t.db, { trigger: "manual", jobId: job.id })).toMatchObject({ artefactsSeen: 2, newArtefacts: 1 });
  });

  it("records a failing location on its job and goes on with the others", async () => {
    const gone = await hourly("gone", join(tree.root, "never-mounted"));
    const notDir = await hourly("not-a-dir", await tree.file("plain-file", 1, minutesAgo(1)));
    const fine = await hourly("fine", join(tree.root, "fine"));
    await tree.file("fine/x.tar.gz", 10, minutesAgo(2));

    const summary = await runScanner(t.db, { trigger: "schedule" });
    expect(summary.errors.map((e) => [e.job, e.reason])).toEqual(
      expect.arrayContaining([
        ["gone", { code: "location_missing", params: { path: join(tree.root, "never-mounted") } }],
        ["not-a-dir", { code: "location_not_directory", params: expect.anything() }],
      ]),
    );
    const status = async (id: string) => (await t.db.backupJob.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(gone.id)).toBe("FAILED");
    expect(await status(notDir.id)).toBe("FAILED");
    expect(await status(fine.id)).toBe("OK");
    const failedJob = await t.db.backupJob.findUniqueOrThrow({ where: { id: gone.id } });
    expect(failedJob.statusReason).toEqual({ code: "location_missing", params: { path: join(tree.root, "never-mounted") } });
    // The status change reaches browsers in the live stream's contract (an event it does not know is dropped).
    // Each flip is announced in this order: its alert (a failure raises one, a first OK none), then
    // its status to the list and to the job's page.
    for (const [job, alerted] of [
      [gone, true],
      [notDir, true],
      [fine, false],
    ] as const) {
      const alerts = await t.db.alert.findMany({ where: { sourceId: job.id } });
      expect(alerts.map((a) => a.type)).toEqual(alerted ? ["backup.failed"] : []);
      const events = await t.db.liveEvent.findMany({
        where: {
          OR: [
            { topic: "alerts", type: "alert.raised", payload: { path: ["sourceId"], equals: job.id } },
            { topic: { in: ["backups", `backup:${job.id}`] }, type: "job.status", payload: { path: ["jobId"], equals: job.id } },
          ],
        },
        orderBy: { id: "asc" },
      });
      expect(events.map((e) => e.topic)).toEqual([...(alerted ? ["alerts"] : []), "backups", `backup:${job.id}`]);
      for (const event of events) expect(checkLiveEvent(event.topic, event.type, event.payload)).not.toBeNull();
    }
    const scan = await t.db.backupScan.findUniqueOrThrow({ where: { id: summary.scanId } });
    expect(scan.errorCount).toBeGreaterThanOrEqual(2);

    // The share comes back: the job recovers on the next scan.
    await tree.file("never-mounted/y.tar.gz", 10, minutesAgo(1));
    await runScanner(t.db, { trigger: "manual", jobId: gone.id });
    expect(await status(gone.id)).toBe("OK");
    const alerts = await t.db.alert.findMany({ where: { sourceId: gone.id }, orderBy: { occurredAt: "asc" } });
    expect(alerts.map((a) => [a.type, a.severity])).toEqual([
      ["backup.failed", "ERROR"],
      ["backup.recovered", "INFO"],
    ]);
    const queued = await t.db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker._private_jobs WHERE key LIKE 'alert_dispatch:%'`;
    expect(queued.map((j) => j.key)).toEqual(expect.arrayContaining(alerts.map((a) => `alert_dispatch:${a.id}`)));
  });

  it("fails on an empty or undersized artefact and warns on one much smaller than usual", async () => {
    const job = await hourly("sized", join(tree.root, "sized"), { minSizeBytes: 100 });
    for (let i = 0; i < 4; i++) await tree.file(`sized/s-${i}.tar.gz`, 10_000 + i, minutesAgo(50 - i));
    await runScanner(t.db, { trigger: "manual", jobId: job.id });
    await tree.file("sized/s-4.tar.gz", 3_000, minutesAgo(5));
    await runScanner(t.db, { trigger: "manual", jobId: job.id });
    const small = await t.db.alert.findFirst({ where: { sourceId: job.id, type: "backup.artefact_small" } });
    expect(small).toMatchObject({ severity: "WARNING", measuredValue: 3000, unit: "B" });
    expect((await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("OK");

    await tree.file("sized/s-5.tar.gz", 0, minutesAgo(2));
    await runScanner(t.db, { trigger: "manual", jobId: job.id });
    const failed = await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed).toMatchObject({ status: "FAILED", statusReason: { code: "artefact_empty", params: { path: "s-5.tar.gz" } } });
    await tree.file("sized/s-6.tar.gz", 50, minutesAgo(1));
    await runScanner(t.db, { trigger: "manual", jobId: job.id });
    expect((await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } })).statusReason).toEqual({
      code: "artefact_too_small",
      params: { path: "s-6.tar.gz", size: 50, minSize: 100 },
    });
  });

  it("learns from one scan of several jobs each one's newest artefact, newest valid one and newest invalid one", async () => {
    const mixed = await hourly("mixed", join(tree.root, "mixed"), { minSizeBytes: 100 });
    const small = await hourly("small", join(tree.root, "small"), { minSizeBytes: 100 });
    const now = Math.floor(Date.now() / 1000) * 1000;
    const ago = (m: number) => new Date(now - m * 60_000);
    await tree.file("mixed/m-1.tar.gz", 500, ago(50));
    await tree.file("mixed/m-2.tar.gz", 0, ago(30));
    await tree.file("mixed/m-3.tar.gz", 40, ago(20));
    await tree.file("mixed/m-4.tar.gz", 700, ago(10));
    await tree.file("small/s-1.tar.gz", 300, ago(40));
    await tree.file("small/s-2.tar.gz", 20, ago(5));
    const summary = await runScanner(t.db, { trigger: "schedule" });
    expect(summary.newArtefacts).toBeGreaterThanOrEqual(6);
    const job = (id: string) => t.db.backupJob.findUniqueOrThrow({ where: { id } });
    expect(await job(mixed.id)).toMatchObject({
      status: "OK",
      latestArtefactPath: "m-4.tar.gz",
      latestArtefactSize: 700n,
      lastSuccessAt: ago(10),
      lastFailureAt: ago(20),
      lastFailureReason: { code: "artefact_too_small", params: { path: "m-3.tar.gz", size: 40, minSize: 100 } },
    });
    expect(await job(small.id)).toMatchObject({
      status: "FAILED",
      latestArtefactPath: "s-2.tar.gz",
      lastSuccessAt: ago(40),
      statusReason: { code: "artefact_too_small", params: { path: "s-2.tar.gz", size: 20, minSize: 100 } },
    });
    // The failure's alert is queued for notification in the scan's one statement; the first OK raises none.
    const alerts = await t.db.alert.findMany({ where: { sourceId: { in: [mixed.id, small.id] } } });
    expect(alerts.map((a) => [a.sourceId, a.type])).toEqual([[small.id, "backup.failed"]]);
    const queued = await t.db.$queryRaw<{ payload: { alertId: string } }[]>`
      SELECT payload FROM graphile_worker._private_jobs WHERE key = ANY(${alerts.map((a) => `alert_dispatch:${a.id}`)}::text[])`;
    expect(queued.map((j) => j.payload.alertId).sort()).toEqual(alerts.map((a) => a.id).sort());
  });

  it("records artefact names exactly, whatever characters they hold", async () => {
    const names = ['q"uote.tar.gz', "back\\slash.tar.gz", "{brace,comma}.tar.gz", "new\nline.tar.gz", "tab\t été 😀.tar.gz", "NULL.tar.gz"];
    for (const [i, name] of names.entries()) await tree.file(`odd/${name}`, 100 + i, minutesAgo(60 - i));
    const job = await hourly("odd names", join(tree.root, "odd"));
    const summary = await runScanner(t.db, { trigger: "manual", jobId: job.id });
    expect(summary.newArtefacts).toBe(names.length);
    const stored = await t.db.backupArtefact.findMany({ where: { jobKey: job.artefactKey }, orderBy: { mtime: "asc" } });
    expect(stored.map((a) => [a.path, Number(a.size)])).toEqual(names.map((name, i) => [name, 100 + i]));
    expect(await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ latestArtefactPath: "NULL.tar.gz", latestArtefactSize: 105n });
  });

  it("walks sub-directories only when recursive, and streams a location of many files", async () => {
    const flat = await hourly("flat", join(tree.root, "deep"));
    const deep = await hourly("deep", join(tree.root, "deep"), { recursive: true });
    await tree.file("deep/top.tar.gz", 1, minutesAgo(3));
    for (let i = 0; i < 12_000; i++) await tree.file(`deep/sub/${i}.tar.gz`, 1, minutesAgo(3));
    const summary = await runScanner(t.db, { trigger: "schedule" });
    const count = (jobKey: number) => t.db.backupArtefact.count({ where: { jobKey } });
    expect(await count(flat.artefactKey)).toBe(1);
    expect(await count(deep.artefactKey)).toBe(12_001);
    expect(summary.errors.filter((e) => e.jobId === deep.id)).toEqual([]);
    // Counted across batches written two at a time.
    expect(summary.newArtefacts).toBe(12_002);
  });

  it("counts as seen the artefacts a scan that died before writing the job's facts had recorded", async () => {
    const job = await hourly("resumed", join(tree.root, "resumed"));
    const now = Math.floor(Date.now() / 1000) * 1000;
    await tree.file("resumed/old.tar.gz", 300, new Date(now - 30 * 60_000));
    await tree.file("resumed/new.tar.gz", 0, new Date(now - 5 * 60_000));
    await t.db.backupArtefact.create({ data: { jobKey: job.artefactKey, path: "new.tar.gz", size: 0, mtime: new Date(now - 5 * 60_000) } });
    const summary = await runScanner(t.db, { trigger: "manual", jobId: job.id });
    expect(summary.newArtefacts).toBe(1);
    expect(await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "FAILED",
      latestArtefactPath: "new.tar.gz",
      lastSuccessAt: new Date(now - 30 * 60_000),
      lastFailureReason: { code: "artefact_empty", params: { path: "new.tar.gz" } },
    });
  });

  it("deletes a deleted job's artefacts, and records none for a job deleted while it is scanned", async () => {
    const kept = await hourly("kept", join(tree.root, "kept"));
    const gone = await hourly("deleted", join(tree.root, "deleted"));
    await tree.file("kept/k.tar.gz", 10, minutesAgo(5));
    await tree.file("deleted/g.tar.gz", 10, minutesAgo(5));
    await runScanner(t.db, { trigger: "manual", jobId: kept.id });
    await runScanner(t.db, { trigger: "manual", jobId: gone.id });
    await deleteBackupJob(t.db, gone.id);
    expect(await t.db.backupArtefact.count({ where: { jobKey: gone.artefactKey } })).toBe(0);
    expect(await t.db.backupArtefact.count({ where: { jobKey: kept.artefactKey } })).toBe(1);

    // The scan read the job before it was deleted; its files come after.
    const late = await hourly("late", join(tree.root, "late"));
    await deleteBackupJob(t.db, late.id);
    const ingest = new ArtefactIngest(t.db);
    await ingest.add(late, [{ paths: ["l.tar.gz"], sizes: [10], mtimes: [Date.now()] }]);
    await ingest.flush();
    expect(ingest.inserted).toBe(0);
    expect(await t.db.backupArtefact.count({ where: { jobKey: late.artefactKey } })).toBe(0);
  });

  it("flips a job once, and alerts once, when two processes settle it at the same moment", async () => {
    const job = await hourly("raced", join(tree.root, "raced"));
    await t.db.backupJob.update({ where: { id: job.id }, data: { lastFailureAt: minutesAgo(1), lastFailureReason: { code: "tool_failed", params: {} } } });
    const row = await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } });
    const results = await Promise.all([settleBackupJob(t.db, row), settleBackupJob(t.db, row), settleBackupJob(t.db, row)]);
    expect(results.filter(Boolean).map((f) => f!.to)).toEqual(["FAILED"]);
    expect(await t.db.alert.count({ where: { sourceId: job.id, type: "backup.failed" } })).toBe(1);
    expect(await t.db.backupStatusFlip.count({ where: { jobId: job.id } })).toBe(1);
    expect(await t.db.liveEvent.count({ where: { topic: topics.backup(job.id), type: "job.status" } })).toBe(1);
  });

  it("marks the scan run FAILED when the database refuses, and leaves no transaction open", async () => {
    await t.db.$executeRawUnsafe(`CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse BEFORE INSERT ON "BackupArtefact" FOR EACH ROW EXECUTE FUNCTION refuse()`);
    await hourly("refused", join(tree.root, "refused"));
    await tree.file("refused/r.tar.gz", 1, minutesAgo(1));
    await expect(runScanner(t.db, { trigger: "manual" })).rejects.toThrow(/injected failure/);
    const scan = await t.db.backupScan.findFirstOrThrow({ orderBy: { requestedAt: "desc" } });
    expect(scan.status).toBe("FAILED");
    expect(JSON.stringify(scan.errors)).toMatch(/injected failure/);
    const open = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(open[0]!.n).toBe(0);
    await t.db.$executeRawUnsafe(`DROP TRIGGER refuse ON "BackupArtefact"`);
    await rename(join(tree.root, "refused"), join(tree.root, "refused-moved"));
    await rm(join(tree.root, "refused-moved"), { recursive: true });
  });

  it("writes a job's facts with its status or not at all, and the next scan picks them up", async () => {
    await t.db.$executeRawUnsafe(`CREATE FUNCTION refuse_flip() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'flip refused'; END $$ LANGUAGE plpgsql`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse_flip BEFORE INSERT ON "BackupStatusFlip" FOR EACH ROW EXECUTE FUNCTION refuse_flip()`);
    const job = await hourly("unsettled", join(tree.root, "unsettled"));
    await tree.file("unsettled/u.tar.gz", 100, minutesAgo(3));
    try {
      await expect(runScanner(t.db, { trigger: "manual", jobId: job.id })).rejects.toThrow(/flip refused/);
      expect(await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
        status: "NEW",
        latestArtefactPath: null,
        scanFingerprint: null,
        lastScanAt: null,
      });
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_flip ON "BackupStatusFlip"`);
    }
    const summary = await runScanner(t.db, { trigger: "manual", jobId: job.id });
    expect(summary.flips.map((f) => f.to)).toEqual(["OK"]);
    expect(await t.db.backupJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "OK", latestArtefactPath: "u.tar.gz" });
  });

  it("records the same times on a server set to another time zone", async () => {
    const dbName = new URL(t.url).pathname.slice(1);
    await t.db.$executeRawUnsafe(`ALTER DATABASE "${dbName}" SET TimeZone = 'Pacific/Auckland'`);
    const db = createDb(t.url, { max: 2 });
    try {
      const mtime = new Date(Math.floor(minutesAgo(15).getTime() / 1000) * 1000);
      await tree.file("zoned/a.tar.gz", 700, mtime);
      const job = await createBackupJob(db, {
        name: "zoned",
        location: join(tree.root, "zoned"),
        pattern: "*.tar.gz",
        scheduleKind: "INTERVAL",
        intervalMinutes: 60,
        graceMinutes: 30,
      });
      await runScanner(db, { trigger: "manual", jobId: job.id });
      const after = await db.backupJob.findUniqueOrThrow({ where: { id: job.id } });
      expect(after.latestArtefactAt).toEqual(mtime);
      expect(after.lastSuccessAt).toEqual(mtime);
      expect(after.status).toBe("OK");
    } finally {
      await db.$disconnect();
      await t.db.$executeRawUnsafe(`ALTER DATABASE "${dbName}" RESET TimeZone`);
    }
  });
});

describe("a job's own checks", () => {
  const queuedScans = (jobId: string) =>
    t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id
      WHERE k.identifier = 'backup_scan' AND j.payload->>'jobId' = ${jobId}`.then(([row]) => Number(row!.n));

  it("queues a scan of a new job at once, unless it is created paused", async () => {
    const job = await hourly("checked-at-once", join(tree.root, "checked"));
    expect(await queuedScans(job.id)).toBe(1);
    expect(await t.db.backupScan.count({ where: { jobId: job.id, status: "QUEUED" } })).toBe(1);
    const paused = await hourly("created-paused", join(tree.root, "paused"), { paused: true });
    expect(paused.status).toBe("PAUSED");
    expect(await queuedScans(paused.id)).toBe(0);
  });

  it("pauses a job and resumes it with a scan", async () => {
    const job = await hourly("toggled", join(tree.root, "toggled"));
    const before = await queuedScans(job.id);
    const paused = await setBackupJobPaused(t.db, job.id, true);
    expect(paused).toMatchObject({ paused: true, status: "PAUSED" });
    expect(await queuedScans(job.id)).toBe(before);
    const resumed = await setBackupJobPaused(t.db, job.id, false);
    expect(resumed.paused).toBe(false);
    expect(resumed.status).not.toBe("PAUSED");
    expect(await queuedScans(job.id)).toBe(before + 1);
    // The operator's own pause and resume are in the job's history, not alerts.
    const flips = await t.db.backupStatusFlip.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(flips.map((f) => [f.fromStatus, f.toStatus, f.alertId])).toEqual([
      ["NEW", "PAUSED", null],
      ["PAUSED", "NEW", null],
    ]);
    expect(await t.db.alert.count({ where: { sourceId: job.id } })).toBe(0);
    await expect(setBackupJobPaused(t.db, "missing-job", true)).rejects.toThrow("No such backup job");
  });
});
