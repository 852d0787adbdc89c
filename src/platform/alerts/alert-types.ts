/**
 * Every alert Vigie raises, by type, with the facts its text is written from. An alert is stored
 * with its type and these parameters, and each reader renders it in their own language
 * (src/i18n/alert-texts-*.ts); the English rendering is also stored, for API clients and logs.
 */

/** Why a backup job has its status, by code, with the facts its text is written from. */
export type BackupReasonParams = {
  paused: Record<string, never>;
  no_schedule: Record<string, never>;
  nothing_yet: Record<string, never>;
  last_backup: { at: string };
  due: { due: string };
  missing: { lastSuccessAt: string | null; due: string; graceEnd: string };
  location_missing: { path: string };
  location_denied: { path: string };
  location_not_directory: { path: string };
  location_unreadable: { path: string; error: string };
  artefact_empty: { path: string };
  artefact_too_small: { path: string; size: number; minSize: number };
  failed: Record<string, never>;
  tool_failed: Record<string, never>;
  tool_exit_code: { exitCode: number };
  /** A backup tool's own words in its failure ping, or a reason stored before reasons had codes. */
  reported: { message: string };
};
export type BackupReasonCode = keyof BackupReasonParams;
export type BackupReason = { [K in BackupReasonCode]: { code: K; params: BackupReasonParams[K] } }[BackupReasonCode];

type Meter = { meter: string };
type Job = { job: string };
type Flip = Job & { from: string; to: string; reason: BackupReason };

export type AlertParams = {
  power_over_limit: Meter & { powerW: number; limitW: number };
  phase_lost: Meter & { phase: string; voltageV: number; livePhases: string[] };
  voltage_low: Meter & { phase: string; voltageV: number; nominalV: number; tolerancePct: number };
  voltage_high: Meter & { phase: string; voltageV: number; nominalV: number; tolerancePct: number };
  thd_high: Meter & { phase: string; thdPct: number; maxPct: number };
  frequency_out_of_range: Meter & { frequencyHz: number; nominalHz: number; tolerancePct: number };
  power_factor_low: Meter & { powerFactor: number; minPowerFactor: number; powerW: number };
  consumption_spike: Meter & { hourKwh: number; usualKwh: number; weeks: number };
  meter_online: Meter;
  meter_offline: Meter & { lastReadingAt: string | null; intervals: number; pollSeconds: number };
  register_backwards: Meter & { fromKwh: number; toKwh: number };
  register_jump: Meter & { register: "import" | "export" | "reactiveImport" | "reactiveExport"; from: number; to: number; impliedW: number; maxW: number };
  checksum_errors: Meter & { count: number; last: string };
  link_stalled: Meter & { silentSeconds: number; port: string };
  "backup.artefact_small": Job & { path: string; size: number; median: number; samples: number };
  "backup.run_long": Job & { durationS: number; medianS: number; samples: number };
  "backup.new": Flip;
  /** No longer raised (a first OK is not an alert): kept so that alerts stored by earlier versions still read. */
  "backup.ok": Flip;
  "backup.recovered": Flip;
  "backup.late": Flip;
  "backup.missing": Flip;
  "backup.failed": Flip;
  "backup.paused": Flip;
  campaign_run_error: { campaign: string; error: string };
  campaign_run_failed: { campaign: string; report: string; failed: number; passed: number; skipped: number };
  "notification.test": { channel: string };
};

export type AlertType = keyof AlertParams;
/** A backup job's status change: its text is the statuses' names and the reason. */
export type BackupFlipAlertType = Extract<AlertType, `backup.${"new" | "ok" | "recovered" | "late" | "missing" | "failed" | "paused"}`>;

/** A type with its parameters, checked together. */
export type TypedAlert = { [K in AlertType]: { type: K; params: AlertParams[K] } }[AlertType];

/** How a text writes numbers, sizes, durations and instants in its language. */
export type AlertFormat = {
  number: (value: number, maxDigits?: number) => string;
  bytes: (bytes: number) => string;
  seconds: (seconds: number) => string;
  dateTime: (iso: string) => string;
};

export type AlertText<P> = { title: (p: P, f: AlertFormat) => string; description: (p: P, f: AlertFormat) => string };

/** One language's texts for every alert type and every backup status reason. */
export type AlertTexts = {
  labels: Record<AlertType, string>;
  types: { [K in Exclude<AlertType, BackupFlipAlertType>]: AlertText<AlertParams[K]> };
  backupStatus: Record<string, string>;
  /** A status change's title, from the statuses' names. */
  backupFlip: (job: string, from: string, to: string) => string;
  backupReasons: { [K in BackupReasonCode]: (p: BackupReasonParams[K], f: AlertFormat) => string };
};
