import { isValidTimezone } from "../lib/time-zone";
import { defineSetting } from "../platform/settings/definition";

/** Energy settings; the anomaly thresholds can be overridden per meter (Meter.thresholds). */
export const energySettings = {
  timezone: defineSetting({
    key: "energy.timezone",
    type: "STRING",
    category: "energy",
    description: "Time zone of the site: days of the daily roll-ups and of costs start at its midnight.",
    defaultValue: "Europe/Paris",
    refine: (s) => s.refine(isValidTimezone, "unknown time zone"),
  }),
  rawRetentionDays: defineSetting({
    key: "energy.rawRetentionDays",
    type: "INT",
    category: "energy",
    description: "Days raw readings are kept; hourly and daily roll-ups are kept forever.",
    defaultValue: 400,
    min: 1,
    max: 3650,
  }),
  alertCooldownMinutes: defineSetting({
    key: "energy.alertCooldownMinutes",
    type: "INT",
    category: "energy",
    description: "A meter anomaly repeating within this many minutes is the same incident: alerted once.",
    defaultValue: 30,
    min: 1,
    max: 1440,
  }),
  offlineIntervals: defineSetting({
    key: "energy.offlineIntervals",
    type: "INT",
    category: "energy",
    description: "A meter silent for this many expected intervals is offline (event, and its link reconnects).",
    defaultValue: 3,
    min: 2,
    max: 100,
  }),
};

/** Thresholds of the anomaly rules: settings, each overridable per meter by the same key. */
export const thresholdSettings = {
  contractLimitW: defineSetting({ key: "energy.contractLimitW", type: "FLOAT", category: "energy.thresholds", description: "Subscribed power (W): active power above it is an event. 0 disables.", defaultValue: 9000, min: 0, max: 1e8 }),
  nominalVoltageV: defineSetting({ key: "energy.nominalVoltageV", type: "FLOAT", category: "energy.thresholds", description: "Nominal voltage (V).", defaultValue: 230, min: 1, max: 100000 }),
  voltageTolerancePct: defineSetting({ key: "energy.voltageTolerancePct", type: "FLOAT", category: "energy.thresholds", description: "Allowed deviation from the nominal voltage (%).", defaultValue: 10, min: 0.1, max: 50 }),
  nominalFrequencyHz: defineSetting({ key: "energy.nominalFrequencyHz", type: "FLOAT", category: "energy.thresholds", description: "Nominal frequency (Hz).", defaultValue: 50, min: 1, max: 1000 }),
  frequencyTolerancePct: defineSetting({ key: "energy.frequencyTolerancePct", type: "FLOAT", category: "energy.thresholds", description: "Allowed deviation from the nominal frequency (%).", defaultValue: 1, min: 0.01, max: 20 }),
  minPowerFactor: defineSetting({ key: "energy.minPowerFactor", type: "FLOAT", category: "energy.thresholds", description: "Power factor below this (with at least 500 W drawn) is an event.", defaultValue: 0.8, min: 0, max: 1 }),
  maxThdPct: defineSetting({ key: "energy.maxThdPct", type: "FLOAT", category: "energy.thresholds", description: "Voltage THD above this (%) is an event (EN 50160: 8 %).", defaultValue: 8, min: 0.1, max: 100 }),
  lostPhaseVoltageV: defineSetting({ key: "energy.lostPhaseVoltageV", type: "FLOAT", category: "energy.thresholds", description: "A phase below this voltage while another is live is a lost phase (V).", defaultValue: 50, min: 0, max: 1000 }),
  checksumErrorBurst: defineSetting({ key: "energy.checksumErrorBurst", type: "INT", category: "energy.thresholds", description: "Checksum errors within 5 minutes that make a burst (event).", defaultValue: 5, min: 1, max: 10000 }),
  hourlySpikeFactor: defineSetting({ key: "energy.hourlySpikeFactor", type: "FLOAT", category: "energy.thresholds", description: "An hour's consumption above this many times the same hour of the previous 4 weeks is an event.", defaultValue: 3, min: 1.1, max: 100 }),
  maxPhysicalPowerW: defineSetting({ key: "energy.maxPhysicalPowerW", type: "FLOAT", category: "energy.thresholds", description: "The most a meter can physically draw (W, default 3 × 63 A × 230 V): a register rising faster is a decoding or meter fault, kept out of consumption and raised as an event.", defaultValue: 43_470, min: 100, max: 1e9 }),
  hourlySpikeMinKwh: defineSetting({ key: "energy.hourlySpikeMinKwh", type: "FLOAT", category: "energy.thresholds", description: "…and above this many kWh (ignores tiny loads).", defaultValue: 0.5, min: 0, max: 1e6 }),
};
