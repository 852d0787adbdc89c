import type { settingTextsFr } from "./settings-fr";

/** Each setting's label, help and unit as an operator reads them, by setting key (English). */
export const settingTextsEn: typeof settingTextsFr = {
  categories: {
    platform: "General",
    notifications: "Notifications",
    backups: "Backups",
    energy: "Energy",
    "energy.thresholds": "Energy: alert thresholds",
    campaigns: "Campaigns",
  },
  fields: {
    "ui.siteName": { label: "Site name", help: "Shown in the header and in notifications." },
    "ui.siteLanguage": { label: "Notification language", help: "fr or en. Each user sees the screens in the language they chose." },
    "live.retentionDays": { label: "Live events kept for", help: "How long a reconnecting browser can catch up on the events it missed.", unit: "days" },
    "system.workerStaleSeconds": { label: "Worker reported down after", help: "A worker silent this long shows as down in System.", unit: "s" },
    "notifications.maxAttempts": { label: "Attempts per notification", help: "Sends tried (with a growing delay) before giving up." },
    "backups.scannerEnabled": { label: "Scheduled scans", help: "Pings and manual scans keep working. Takes effect at once." },
    "backups.scannerIntervalMinutes": {
      label: "Time between two scans",
      help: "0: the value of SCANNER_INTERVAL_MINUTES (15 by default). Takes effect at once.",
      unit: "min",
    },
    "backups.smallArtefactRatio": {
      label: "Artefact suspiciously small below",
      help: "Fraction of the median size of the previous artefacts (0.5 = half) under which a warning is raised.",
    },
    "backups.longRunFactor": { label: "Run suspiciously long beyond", help: "Multiple of the median duration of the previous runs.", unit: "×" },
    "energy.timezone": { label: "Site time zone", help: "Days, costs and charts start at midnight in this zone (e.g. Europe/Paris)." },
    "energy.rawRetentionDays": { label: "Raw readings kept for", help: "Hourly and daily totals are kept forever.", unit: "days" },
    "energy.alertCooldownMinutes": {
      label: "Meter alerts grouped within",
      help: "An anomaly repeating within this time is the same incident: alerted once.",
      unit: "min",
    },
    "energy.offlineIntervals": {
      label: "Meter offline after",
      help: "Expected intervals without a reading before the meter is offline and its link reopened.",
      unit: "intervals",
    },
    "energy.contractLimitW": { label: "Subscribed power", help: "Above it, an event is raised. 0 disables.", unit: "W" },
    "energy.nominalVoltageV": { label: "Nominal voltage", help: "230 V in Europe.", unit: "V" },
    "energy.voltageTolerancePct": { label: "Allowed voltage deviation", help: "Around the nominal voltage (EN 50160: 10 %).", unit: "%" },
    "energy.nominalFrequencyHz": { label: "Nominal frequency", help: "50 Hz in Europe.", unit: "Hz" },
    "energy.frequencyTolerancePct": { label: "Allowed frequency deviation", help: "Around the nominal frequency.", unit: "%" },
    "energy.minPowerFactor": { label: "Lowest power factor", help: "Below it (with at least 500 W drawn), an event is raised." },
    "energy.maxThdPct": { label: "Highest harmonic distortion", help: "Of the voltage (EN 50160: 8 %).", unit: "%" },
    "energy.lostPhaseVoltageV": { label: "Phase lost below", help: "A phase below this voltage while another is live is a lost phase.", unit: "V" },
    "energy.checksumErrorBurst": { label: "Checksum error burst", help: "Errors within 5 minutes that raise an event.", unit: "errors" },
    "energy.hourlySpikeFactor": { label: "Hourly spike beyond", help: "Multiple of the same hour of the previous 4 weeks.", unit: "×" },
    "energy.maxPhysicalPowerW": {
      label: "Physically possible power",
      help: "A register rising faster is a decoding or meter fault, kept out of consumption (3 × 63 A × 230 V by default).",
      unit: "W",
    },
    "energy.hourlySpikeMinKwh": { label: "Hourly spike only above", help: "Ignores tiny loads.", unit: "kWh" },
    "campaigns.staleRunSeconds": { label: "Silent report resumed after", help: "Another worker resumes a report whose runner stopped giving news.", unit: "s" },
  },
};
