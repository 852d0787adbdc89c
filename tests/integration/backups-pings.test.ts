import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackupJob } from "../../src/backups/jobs";
import { recordPing, UnknownPingTokenError } from "../../src/backups/pings";
import { createDb } from "../../src/platform/db/client";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const job = (name: string) =>
  createBackupJob(t.db, { name, location: join("/srv", name), pattern: "*", scheduleKind: "CRON", cronExpression: "0 3 * * *", timezone: "Europe/Paris" });
const at = (iso: string) => new Date(iso);

describe("recordPing", () => {
  it("pairs start and finish by run id, keeps the log, and drives the status", async () => {
    const j = await job("borg");
    await recordPing(t.db, { token: j.pingToken, action: "start", runKey: "r1" }, at("2026-11-20T02:00:00Z"));
    const ok = await recordPing(t.db, { token: j.pingToken, runKey: "r1", body: "archive done" }, at("2026-11-20T02:05:00Z"));
    expect(ok.status).toBe("OK");
    const run = await t.db.backupRun.findUniqueOrThrow({ where: { id: ok.run } });
    expect(run).toMatchObject({ outcome: "SUCCEEDED", exitCode: 0, durationMs: 300_000, log: "archive done", runKey: "r1" });

    const failed = await recordPing(t.db, { token: j.pingToken, action: "3", body: "Permission denied" }, at("2026-11-21T02:01:00Z"));
    expect(failed.status).toBe("FAILED");
    const row = await t.db.backupJob.findUniqueOrThrow({ where: { id: j.id } });
    expect(row.statusReason).toEqual({ code: "tool_exit_code", params: { exitCode: 3 } });

    await recordPing(t.db, { token: j.pingToken, action: "fail" }, at("2026-11-21T02:02:00Z"));
    expect((await t.db.backupJob.findUniqueOrThrow({ where: { id: j.id } })).statusReason).toEqual({ code: "tool_failed", params: {} });

    const back = await recordPing(t.db, { token: j.pingToken, action: "0" }, at("2026-11-21T02:30:00Z"));
    expect(back.status).toBe("OK");
    const types = (await t.db.alert.findMany({ where: { sourceId: j.id }, orderBy: { occurredAt: "asc" } })).map((a) => a.type);
    // Its first OK is no alert (nothing was wrong); entering trouble and leaving it are.
    expect(types).toEqual(["backup.failed", "backup.recovered"]);
  });

  it("pairs a finish without run id with the latest open start", async () => {
    const j = await job("restic");
    await recordPing(t.db, { token: j.pingToken, action: "start" }, at("2026-11-21T01:00:00Z"));
    const done = await recordPing(t.db, { token: j.pingToken }, at("2026-11-21T01:00:42Z"));
    expect((await t.db.backupRun.findUniqueOrThrow({ where: { id: done.run } })).durationMs).toBe(42_000);
    expect(await t.db.backupRun.count({ where: { jobId: j.id } })).toBe(1);
  });

  it("warns when a run lasts much longer than usual", async () => {
    const j = await job("veeam");
    for (let day = 1; day <= 4; day++) {
      const start = at(`2026-11-0${day}T01:00:00Z`);
      const minutes = day === 4 ? 60 : 10;
      await recordPing(t.db, { token: j.pingToken, action: "start", runKey: `d${day}` }, start);
      await recordPing(t.db, { token: j.pingToken, runKey: `d${day}` }, new Date(start.getTime() + minutes * 60_000));
    }
    const long = await t.db.alert.findMany({ where: { sourceId: j.id, type: "backup.run_long" } });
    expect(long).toHaveLength(1);
    expect(long[0]).toMatchObject({ severity: "WARNING", measuredValue: 3600, unit: "s", threshold: 1200 });
  });

  it("refuses an unknown uuid and changes nothing", async () => {
    const before = await t.db.backupRun.count();
    await expect(recordPing(t.db, { token: "0b9f9a4e-3a59-4c47-9d4f-3f5d1a2b3c4d" })).rejects.toBeInstanceOf(UnknownPingTokenError);
    expect(await t.db.backupRun.count()).toBe(before);
  });

  it("stores every one of 1,000 concurrent pings on one job, through a small pool", async () => {
    const j = await job("burst");
    const db = createDb(t.url, { max: 5, connectionTimeoutMillis: 60_000 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 1_000 }, () => recordPing(db, { token: j.pingToken, body: "ok" })));
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(await t.db.backupRun.count({ where: { jobId: j.id } })).toBe(1_000);
      expect(await t.db.backupJob.findUniqueOrThrow({ where: { id: j.id } })).toMatchObject({ status: "OK" });
    } finally {
      await db.$disconnect();
    }
  });
});
