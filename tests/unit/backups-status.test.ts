import { describe, expect, it } from "vitest";
import { evaluateBackupJob, type BackupJobFacts } from "../../src/backups/status";
import { nextScanAt, scanIntervalMs } from "../../src/backups/scan-schedule";
import { backupJobInput, globProblem } from "../../src/backups/schemas";
import { isMuchLonger, isMuchSmaller, median } from "../../src/backups/rules";
import { logExcerpt, LOG_EXCERPT_CHARS, pingRequestSchema } from "../../src/backups/pings";
import { cronProblem, nextDueAt, upcomingRuns } from "../../src/backups/schedule";
import { compileArtefactPattern, locationProblem } from "../../src/backups/walk";
import { backupReasonText } from "../../src/platform/alerts/alert-text";

const t0 = new Date("2026-03-01T00:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const job = (over: Partial<BackupJobFacts> = {}): BackupJobFacts => ({
  scheduleKind: "INTERVAL",
  intervalMinutes: 60,
  cronExpression: null,
  timezone: "UTC",
  graceMinutes: 30,
  paused: false,
  createdAt: t0,
  lastSuccessAt: null,
  lastFailureAt: null,
  lastFailureReason: null,
  locationError: null,
  ...over,
});

describe("backup state machine", () => {
  it("is NEW until the first deadline, then LATE within grace, then MISSING", () => {
    expect(evaluateBackupJob(job(), at(10))).toMatchObject({ status: "NEW", nextDeadlineAt: at(60) });
    expect(evaluateBackupJob(job(), at(70))).toMatchObject({ status: "LATE", nextDeadlineAt: at(90) });
    expect(evaluateBackupJob(job(), at(95))).toMatchObject({ status: "MISSING", nextDeadlineAt: null });
  });

  it("is OK after a success until one interval later", () => {
    const ok = job({ lastSuccessAt: at(100) });
    expect(evaluateBackupJob(ok, at(150))).toMatchObject({ status: "OK", nextDeadlineAt: at(160) });
    expect(evaluateBackupJob(ok, at(170)).status).toBe("LATE");
    expect(evaluateBackupJob(ok, at(200)).status).toBe("MISSING");
  });

  it("is FAILED when the latest news is a failure or the location is unreadable, and recovers on a newer success", () => {
    const exit2 = { code: "tool_exit_code", params: { exitCode: 2 } };
    const failed = job({ lastSuccessAt: at(10), lastFailureAt: at(20), lastFailureReason: exit2 });
    expect(evaluateBackupJob(failed, at(21))).toEqual({ status: "FAILED", reason: exit2, nextDeadlineAt: null });
    expect(evaluateBackupJob({ ...failed, lastSuccessAt: at(25) }, at(26)).status).toBe("OK");
    expect(evaluateBackupJob(job({ lastSuccessAt: at(10), locationError: { code: "location_missing", params: { path: "/x" } } }), at(11))).toMatchObject({
      status: "FAILED",
      reason: { code: "location_missing", params: { path: "/x" } },
    });
    // A reason stored before reasons had codes keeps its words.
    expect(evaluateBackupJob(job({ lastSuccessAt: at(10), locationError: "gone" }), at(11)).reason).toEqual({ code: "reported", params: { message: "gone" } });
  });

  it("PAUSED wins over everything", () => {
    expect(evaluateBackupJob(job({ paused: true, locationError: "gone" }), at(500)).status).toBe("PAUSED");
  });

  it("follows a cron schedule in its time zone", () => {
    const nightly = job({ scheduleKind: "CRON", cronExpression: "0 2 * * *", timezone: "Europe/Paris", lastSuccessAt: new Date("2026-03-01T01:05:00Z") });
    // 02:00 in Paris is 01:00 UTC in winter: the next due time is the following night.
    expect(nextDueAt(nightly, nightly.lastSuccessAt!)).toEqual(new Date("2026-03-02T01:00:00Z"));
    expect(evaluateBackupJob(nightly, new Date("2026-03-02T01:10:00Z")).status).toBe("LATE");
  });
});

describe("scan cadence", () => {
  it("keeps the rhythm after a late run and coalesces an outage into one run", () => {
    const due = new Date("2026-03-01T10:00:00Z");
    const interval = 15 * 60_000;
    expect(nextScanAt(due, interval, new Date("2026-03-01T10:00:40Z"))).toEqual(new Date("2026-03-01T10:15:00Z"));
    expect(nextScanAt(due, interval, new Date("2026-03-01T13:02:00Z"))).toEqual(new Date("2026-03-01T13:17:00Z"));
  });

  it("takes the setting when set, else the environment's minutes", () => {
    expect(scanIntervalMs(0, 15)).toBe(15 * 60_000);
    expect(scanIntervalMs(2, 15)).toBe(2 * 60_000);
  });
});

describe("backup job validation", () => {
  const valid = { name: "NAS", location: "/mnt/nas", pattern: "*.tar.gz", scheduleKind: "INTERVAL" as const, intervalMinutes: 60 };
  const problems = (input: object) => {
    const r = backupJobInput.safeParse({ ...valid, ...input });
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it("accepts a complete job", () => expect(problems({})).toEqual([]));
  it("refuses a bad cron expression with a clear message", () => {
    expect(problems({ scheduleKind: "CRON", cronExpression: "61 * * * *" })[0]).toMatch(/^invalid cron expression: /);
    expect(problems({ scheduleKind: "CRON", cronExpression: null })[0]).toMatch(/needs its expression/);
    expect(cronProblem("0 3 * * 1-5", "Europe/Paris")).toBeNull();
  });
  it("refuses a bad glob", () => {
    expect(problems({ pattern: "backup-[0-9.tar" })[0]).toMatch(/invalid glob: unbalanced \[\]/);
    expect(problems({ pattern: "../etc/*" })[0]).toMatch(/cannot leave the location/);
    expect(globProblem("**/*.{tar,zip}")).toBeNull();
  });
  it("refuses a relative path and an unknown time zone", () => {
    expect(problems({ location: "backups/nas" })[0]).toMatch(/absolute path/);
    expect(problems({ timezone: "Mars/Olympus" })[0]).toMatch(/unknown time zone/);
  });
  it("needs an interval for an interval schedule", () => expect(problems({ intervalMinutes: null })[0]).toMatch(/interval in minutes/));
});

describe("artefact patterns", () => {
  it("match names at any depth without a slash, relative paths with one", () => {
    const names = compileArtefactPattern("*.tar.gz");
    expect(names("daily/db-1.tar.gz", "db-1.tar.gz")).toBe(true);
    expect(names("db-1.tar.gz.part", "db-1.tar.gz.part")).toBe(false);
    expect(names("daily/.db-1.tar.gz", ".db-1.tar.gz")).toBe(false);
    const paths = compileArtefactPattern("daily/*.tar.gz");
    expect(paths("daily/a.tar.gz", "a.tar.gz")).toBe(true);
    expect(paths("weekly/a.tar.gz", "a.tar.gz")).toBe(false);
    expect(compileArtefactPattern("*.tar.gz")).toBe(names);
  });
});

describe("location errors", () => {
  it("say what is wrong with the path, in the reader's language", () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    const en = (code: string) => backupReasonText(locationProblem("/mnt/nas", err(code)), "en");
    const fr = (code: string) => backupReasonText(locationProblem("/mnt/nas", err(code)), "fr");
    expect(en("EACCES")).toBe("permission denied reading /mnt/nas");
    expect(en("ENOENT")).toBe("location /mnt/nas does not exist");
    expect(en("ENOTDIR")).toBe("location /mnt/nas is not a directory");
    expect(fr("EACCES")).toBe("accès refusé en lecture à /mnt/nas");
    expect(fr("ENOENT")).toBe("l'emplacement /mnt/nas n'existe pas");
  });
});

describe("size and duration rules", () => {
  it("compare with the median once there is enough history", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(isMuchSmaller(40, [100, 100], 0.5)).toBeNull();
    expect(isMuchSmaller(40, [100, 90, 110], 0.5)).toEqual({ median: 100 });
    expect(isMuchSmaller(60, [100, 90, 110], 0.5)).toBeNull();
    expect(isMuchLonger(250, [100, 100, 120], 2)).toEqual({ median: 100 });
    expect(isMuchLonger(150, [100, 100, 120], 2)).toBeNull();
  });
});

describe("pings", () => {
  it("parse actions and keep the end of long logs", () => {
    const token = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    expect(pingRequestSchema.parse({ token }).action).toBe("success");
    expect(pingRequestSchema.parse({ token, action: "3" }).action).toBe(3);
    expect(pingRequestSchema.safeParse({ token, action: "999" }).success).toBe(false);
    expect(pingRequestSchema.safeParse({ token: "not-a-uuid" }).success).toBe(false);
    const long = `${"x".repeat(20_000)}END\0`;
    const excerpt = logExcerpt(long)!;
    expect(excerpt.length).toBe(LOG_EXCERPT_CHARS + 1);
    expect(excerpt.endsWith("END")).toBe(true);
  });
});

describe("upcoming runs", () => {
  const after = new Date("2026-03-28T12:00:00Z");
  it("step by the interval", () => {
    const runs = upcomingRuns({ scheduleKind: "INTERVAL", intervalMinutes: 240, cronExpression: null, timezone: "UTC" }, after, 3);
    expect(runs.map((d) => d.toISOString())).toEqual(["2026-03-28T16:00:00.000Z", "2026-03-28T20:00:00.000Z", "2026-03-29T00:00:00.000Z"]);
  });
  it("follow cron ticks in the job's zone, across a DST change", () => {
    // 02:30 Paris does not exist on 29 March 2026 (clocks jump 02:00 → 03:00).
    const runs = upcomingRuns({ scheduleKind: "CRON", intervalMinutes: null, cronExpression: "30 3 * * *", timezone: "Europe/Paris" }, after, 3);
    expect(runs.map((d) => d.toISOString())).toEqual(["2026-03-29T01:30:00.000Z", "2026-03-30T01:30:00.000Z", "2026-03-31T01:30:00.000Z"]);
  });
});
