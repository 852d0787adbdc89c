import { describe, expect, it } from "vitest";
import { alertText, alertTypeLabel, backupReasonText } from "../../src/platform/alerts/alert-text";
import type { AlertParams, AlertType, BackupReason, BackupReasonCode, BackupReasonParams } from "../../src/platform/alerts/alert-types";

const reasonSamples: { [K in BackupReasonCode]: BackupReasonParams[K] } = {
  paused: {},
  no_schedule: {},
  nothing_yet: {},
  last_backup: { at: "2026-11-20T04:17:30.883Z" },
  due: { due: "2026-11-21T04:00:00.000Z" },
  missing: { lastSuccessAt: "2026-11-20T04:17:30.883Z", due: "2026-11-21T04:00:00.000Z", graceEnd: "2026-11-21T05:00:00.000Z" },
  location_missing: { path: "/srv/backups" },
  location_denied: { path: "/srv/backups" },
  location_not_directory: { path: "/srv/backups" },
  location_unreadable: { path: "/srv/backups", error: "EIO" },
  artefact_empty: { path: "db.dump" },
  artefact_too_small: { path: "db.dump", size: 1200, minSize: 1_048_576 },
  failed: {},
  tool_failed: {},
  tool_exit_code: { exitCode: 2 },
  reported: { message: "rsync: connection unexpectedly closed" },
};
const reason: BackupReason = { code: "missing", params: reasonSamples.missing };
const flip = { job: "Nightly DB", from: "OK", to: "MISSING", reason };

const samples: { [K in AlertType]: AlertParams[K] } = {
  power_over_limit: { meter: "E450", powerW: 9400, limitW: 9000 },
  phase_lost: { meter: "E450", phase: "L2", voltageV: 0, livePhases: ["L1", "L3"] },
  voltage_low: { meter: "E450", phase: "L1", voltageV: 198.5, nominalV: 230, tolerancePct: 10 },
  voltage_high: { meter: "E450", phase: "L1", voltageV: 258.4, nominalV: 230, tolerancePct: 10 },
  thd_high: { meter: "E450", phase: "L3", thdPct: 9.2, maxPct: 8 },
  frequency_out_of_range: { meter: "E450", frequencyHz: 50.61, nominalHz: 50, tolerancePct: 1 },
  power_factor_low: { meter: "E450", powerFactor: 0.62, minPowerFactor: 0.8, powerW: 1800 },
  consumption_spike: { meter: "E450", hourKwh: 12.5, usualKwh: 2.25, weeks: 4 },
  meter_online: { meter: "E450" },
  meter_offline: { meter: "E450", lastReadingAt: "2026-11-20T04:17:30.883Z", intervals: 3, pollSeconds: 10 },
  register_backwards: { meter: "E450", fromKwh: 1200.5, toKwh: 3.2 },
  register_jump: { meter: "E450", register: "import", from: 6.8, to: 6757, impliedW: 1_350_000, maxW: 43_470 },
  checksum_errors: { meter: "E450", count: 12, last: "CRC 0x1234 expected 0x4321" },
  link_stalled: { meter: "E450", silentSeconds: 95, port: "/dev/ttyUSB0" },
  "backup.artefact_small": { job: "Nightly DB", path: "db.dump", size: 1200, median: 52_428_800, samples: 5 },
  "backup.run_long": { job: "Nightly DB", durationS: 5400, medianS: 600, samples: 5 },
  "backup.new": flip,
  "backup.ok": flip,
  "backup.recovered": flip,
  "backup.late": flip,
  "backup.missing": flip,
  "backup.failed": flip,
  "backup.paused": flip,
  campaign_run_error: { campaign: "Smoke", error: "environment missing" },
  campaign_run_failed: { campaign: "Smoke", report: "Smoke #12", failed: 2, passed: 40, skipped: 1 },
  "notification.test": { channel: "Ops webhook" },
};

const broken = /undefined|NaN|\[object|null/;

describe("alert texts", () => {
  for (const [type, params] of Object.entries(samples)) {
    it(`${type} is written in French and in English from its parameters`, () => {
      const stored = { type, params, title: "stored", description: "stored" };
      const fr = alertText(stored, "fr");
      const en = alertText(stored, "en");
      for (const text of [fr.title, fr.description, en.title, en.description]) {
        expect(text).not.toMatch(broken);
        expect(text).not.toBe("stored");
      }
      expect(fr.title).not.toBe(en.title);
      expect(alertTypeLabel(type, "fr")).not.toBe(type);
      expect(alertTypeLabel(type, "en")).not.toBe(type);
    });
  }

  it("numbers, sizes and instants follow the language", () => {
    const fr = alertText({ type: "backup.artefact_small", params: samples["backup.artefact_small"], title: "", description: "" }, "fr");
    expect(fr.description).toMatch(/^db\.dump fait 1,2\sko ; la médiane des 5 précédents est de 50\sMo\.$/);
    const en = alertText({ type: "register_jump", params: samples.register_jump, title: "", description: "" }, "en");
    expect(en.description).toContain("an average of 1,350,000 W, above the 43,470 W");
  });

  it("an alert stored before alerts had parameters, or of an unknown type, keeps its stored text", () => {
    expect(alertText({ type: "power_over_limit", params: null, title: "Power above the contract limit", description: "d" }, "fr").title).toBe(
      "Power above the contract limit",
    );
    expect(alertText({ type: "retired_type", params: {}, title: "t", description: "d" }, "fr")).toEqual({ title: "t", description: "d" });
    expect(alertTypeLabel("retired_type", "fr")).toBe("retired_type");
  });
});

describe("backup reasons", () => {
  for (const [code, params] of Object.entries(reasonSamples)) {
    it(`${code} is written in French and in English`, () => {
      const fr = backupReasonText({ code, params } as BackupReason, "fr");
      const en = backupReasonText({ code, params } as BackupReason, "en");
      expect(fr).not.toMatch(broken);
      expect(en).not.toMatch(broken);
      if (code !== "reported") expect(fr).not.toBe(en);
    });
  }
});
