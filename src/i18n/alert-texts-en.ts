import type { AlertTexts } from "../platform/alerts/alert-types";

const backupStatus: Record<string, string> = { NEW: "new", OK: "OK", LATE: "late", FAILED: "failed", MISSING: "missing", PAUSED: "paused" };
const registers = {
  import: "Imported energy",
  export: "Exported energy",
  reactiveImport: "Reactive energy (import)",
  reactiveExport: "Reactive energy (export)",
};

/** Alert texts in English: shown to English readers and stored with each alert for API clients and logs. */
export const alertTextsEn: AlertTexts = {
  backupStatus,
  backupFlip: (job, from, to) => `${job}: ${backupStatus[from] ?? from} → ${backupStatus[to] ?? to}`,
  labels: {
    power_over_limit: "Power above contract",
    phase_lost: "Phase lost",
    voltage_low: "Voltage sag",
    voltage_high: "Voltage swell",
    thd_high: "Voltage THD high",
    frequency_out_of_range: "Frequency out of range",
    power_factor_low: "Low power factor",
    consumption_spike: "Unusual consumption",
    meter_online: "Meter back online",
    meter_offline: "Meter offline",
    register_backwards: "Register went down",
    register_jump: "Impossible register jump",
    checksum_errors: "Checksum errors",
    link_stalled: "Link silent",
    "backup.artefact_small": "Backup much smaller",
    "backup.run_long": "Backup much longer",
    campaign_run_error: "Campaign could not run",
    campaign_run_failed: "Campaign failed",
    "notification.test": "Test notification",
    "backup.new": "Backup new",
    "backup.ok": "Backup OK",
    "backup.recovered": "Backup recovered",
    "backup.late": "Backup late",
    "backup.missing": "Backup missing",
    "backup.failed": "Backup failed",
    "backup.paused": "Backup paused",
  },
  backupReasons: {
    paused: () => "paused",
    no_schedule: () => "no schedule",
    nothing_yet: () => "nothing seen yet",
    last_backup: (p, f) => `last backup ${f.dateTime(p.at)}`,
    due: (p, f) => `due ${f.dateTime(p.due)}`,
    missing: (p, f) =>
      `${p.lastSuccessAt ? `nothing new since ${f.dateTime(p.lastSuccessAt)}` : "nothing seen"}; due ${f.dateTime(p.due)}, grace ended ${f.dateTime(p.graceEnd)}`,
    location_missing: (p) => `location ${p.path} does not exist`,
    location_denied: (p) => `permission denied reading ${p.path}`,
    location_not_directory: (p) => `location ${p.path} is not a directory`,
    location_unreadable: (p) => `cannot read ${p.path}: ${p.error}`,
    artefact_empty: (p) => `artefact ${p.path} is empty`,
    artefact_too_small: (p, f) => `artefact ${p.path} is ${f.bytes(p.size)}, below the minimum of ${f.bytes(p.minSize)}`,
    failed: () => "failure reported",
    tool_failed: () => "the backup tool reported a failure",
    tool_exit_code: (p) => `the backup tool exited with code ${p.exitCode}`,
    reported: (p) => p.message,
  },
  types: {
    power_over_limit: {
      title: (p) => `${p.meter}: power above the contract limit`,
      description: (p, f) => `Active power ${f.number(p.powerW)} W exceeds the subscribed ${f.number(p.limitW)} W.`,
    },
    phase_lost: {
      title: (p) => `${p.meter}: phase ${p.phase} lost`,
      description: (p, f) => `${p.phase} at ${f.number(p.voltageV, 1)} V while ${p.livePhases.join(", ")} are live.`,
    },
    voltage_low: {
      title: (p) => `${p.meter}: voltage sag on ${p.phase}`,
      description: (p, f) => `${f.number(p.voltageV, 1)} V is outside ${f.number(p.nominalV)} V ± ${f.number(p.tolerancePct, 1)} %.`,
    },
    voltage_high: {
      title: (p) => `${p.meter}: voltage swell on ${p.phase}`,
      description: (p, f) => `${f.number(p.voltageV, 1)} V is outside ${f.number(p.nominalV)} V ± ${f.number(p.tolerancePct, 1)} %.`,
    },
    thd_high: {
      title: (p) => `${p.meter}: voltage THD high on ${p.phase}`,
      description: (p, f) => `THD ${f.number(p.thdPct, 1)} % above ${f.number(p.maxPct, 1)} %.`,
    },
    frequency_out_of_range: {
      title: (p) => `${p.meter}: frequency out of range`,
      description: (p, f) => `${f.number(p.frequencyHz, 3)} Hz is outside ${f.number(p.nominalHz)} Hz ± ${f.number(p.tolerancePct, 2)} %.`,
    },
    power_factor_low: {
      title: (p) => `${p.meter}: low power factor`,
      description: (p, f) => `Power factor ${f.number(p.powerFactor, 3)} below ${f.number(p.minPowerFactor, 3)} at ${f.number(p.powerW)} W.`,
    },
    consumption_spike: {
      title: (p) => `${p.meter}: consumption far above usual`,
      description: (p, f) =>
        `${f.number(p.hourKwh, 2)} kWh this hour against ${f.number(p.usualKwh, 2)} kWh on average at the same hour of the previous ${p.weeks} weeks.`,
    },
    meter_online: {
      title: (p) => `${p.meter} is back online`,
      description: () => "Readings arrive again.",
    },
    meter_offline: {
      title: (p) => `${p.meter} is offline`,
      description: (p, f) =>
        p.lastReadingAt
          ? `No reading since ${f.dateTime(p.lastReadingAt)} (${p.intervals} expected intervals of ${f.seconds(p.pollSeconds)}).`
          : "No reading yet.",
    },
    register_backwards: {
      title: (p) => `${p.meter}: energy register went down`,
      description: (p, f) =>
        `1.8.0 went from ${f.number(p.fromKwh, 3)} to ${f.number(p.toKwh, 3)} kWh: meter replaced or reset. A new segment starts; no negative consumption is counted.`,
    },
    register_jump: {
      title: (p) => `${p.meter}: impossible register jump`,
      description: (p, f) =>
        `${registers[p.register]} went from ${f.number(p.from, 3)} to ${f.number(p.to, 3)} ${p.register.startsWith("reactive") ? "kvarh" : "kWh"}, an average of ${f.number(p.impliedW)} W, above the ${f.number(p.maxW)} W this meter can draw: not counted as consumption. Check the meter's decoding (scaler, unit) or whether it was replaced.`,
    },
    checksum_errors: {
      title: (p) => `${p.meter}: burst of checksum errors`,
      description: (p) => `${p.count} frames refused by their checksum in 5 minutes: check the cable or the optical head. Last: ${p.last}`,
    },
    link_stalled: {
      title: (p) => `${p.meter}: link silent, reconnecting`,
      description: (p, f) => `No frame for ${f.seconds(p.silentSeconds)} on ${p.port}.`,
    },
    "backup.artefact_small": {
      title: (p) => `${p.job}: artefact much smaller than usual`,
      description: (p, f) => `${p.path} is ${f.bytes(p.size)}; the median of the previous ${p.samples} is ${f.bytes(p.median)}.`,
    },
    "backup.run_long": {
      title: (p) => `${p.job}: run much longer than usual`,
      description: (p, f) => `The run took ${f.seconds(p.durationS)}; the median of the previous ${p.samples} is ${f.seconds(p.medianS)}.`,
    },
    campaign_run_error: {
      title: (p) => `Campaign "${p.campaign}" could not run`,
      description: (p) => p.error,
    },
    campaign_run_failed: {
      title: (p) => `Campaign "${p.campaign}" failed`,
      description: (p) => `Report "${p.report}": ${p.failed} failed, ${p.passed} passed, ${p.skipped} skipped.`,
    },
    "notification.test": {
      title: () => "Test notification",
      description: (p) => `This is a test of the channel "${p.channel}".`,
    },
  },
};
