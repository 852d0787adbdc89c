import { defineSetting } from "../platform/settings/definition";
import { rescheduleScan, startScanSchedule, stopScanSchedule } from "./scan-schedule";

export const backupSettings = {
  scannerEnabled: defineSetting({
    key: "backups.scannerEnabled",
    type: "BOOL",
    category: "backups",
    description: "Scheduled scans on or off (pings and manual scans keep working). Takes effect at once.",
    defaultValue: true,
    afterChange: (tx, enabled) => (enabled ? startScanSchedule(tx) : stopScanSchedule(tx)),
  }),
  scannerIntervalMinutes: defineSetting({
    key: "backups.scannerIntervalMinutes",
    type: "FLOAT",
    category: "backups",
    description: "Minutes between two scheduled scans; 0 follows SCANNER_INTERVAL_MINUTES (default 15). Takes effect at once.",
    defaultValue: 0,
    min: 0,
    max: 1440,
    afterChange: (tx, minutes) => rescheduleScan(tx, minutes),
  }),
  smallArtefactRatio: defineSetting({
    key: "backups.smallArtefactRatio",
    type: "FLOAT",
    category: "backups",
    description: "Warn when a new artefact is smaller than this fraction of the median of the previous ones.",
    defaultValue: 0.5,
    min: 0.01,
    max: 1,
  }),
  longRunFactor: defineSetting({
    key: "backups.longRunFactor",
    type: "FLOAT",
    category: "backups",
    description: "Warn when a run lasts more than this many times the median of the previous runs.",
    defaultValue: 2,
    min: 1,
    max: 100,
  }),
};
