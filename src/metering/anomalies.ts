import type { SourcedAlertInput } from "../platform/alerts/alerts";
import type { AlertParams, TypedAlert } from "../platform/alerts/alert-types";
import type { ReadingFields } from "./obis";

export type Thresholds = {
  contractLimitW: number;
  nominalVoltageV: number;
  voltageTolerancePct: number;
  nominalFrequencyHz: number;
  frequencyTolerancePct: number;
  minPowerFactor: number;
  maxThdPct: number;
  lostPhaseVoltageV: number;
  checksumErrorBurst: number;
  hourlySpikeFactor: number;
  hourlySpikeMinKwh: number;
  maxPhysicalPowerW: number;
};

type FindingType =
  | "power_over_limit"
  | "phase_lost"
  | "voltage_low"
  | "voltage_high"
  | "thd_high"
  | "frequency_out_of_range"
  | "power_factor_low"
  | "consumption_spike";
/** A finding's facts; the meter's name is added when it becomes an alert. */
type FindingFacts = { [K in FindingType]: { type: K; params: Omit<AlertParams[K], "meter"> } }[FindingType];

export type AnomalyFinding = FindingFacts & {
  /** Stable per rule (and phase): the de-duplication key of its alerts. */
  rule: string;
  severity: "INFO" | "WARNING" | "ERROR" | "CRITICAL";
  category: "power" | "grid_quality" | "meter";
  measuredValue: number;
  unit: string;
  code: string | null;
  threshold: number;
};

const round3 = (n: number) => Math.round(n * 1000) / 1000;

const phases = [
  { phase: "L1", voltage: "voltageL1V", thd: "thdVoltageL1Pct", obis: "32" },
  { phase: "L2", voltage: "voltageL2V", thd: "thdVoltageL2Pct", obis: "52" },
  { phase: "L3", voltage: "voltageL3V", thd: "thdVoltageL3Pct", obis: "72" },
] as const;

/** The rules a single reading can break. Pure: thresholds in, findings out. */
export function detectReadingAnomalies(fields: ReadingFields, t: Thresholds): AnomalyFinding[] {
  const found: AnomalyFinding[] = [];
  const power = fields.powerImportW;
  if (t.contractLimitW > 0 && power != null && power > t.contractLimitW) {
    found.push({
      rule: "power_over_limit",
      type: "power_over_limit",
      severity: "WARNING",
      category: "power",
      params: { powerW: Math.round(power), limitW: t.contractLimitW },
      measuredValue: power,
      unit: "W",
      code: "1-0:1.7.0",
      threshold: t.contractLimitW,
    });
  }
  const live = phases.filter((p) => (fields[p.voltage] ?? 0) > t.lostPhaseVoltageV);
  const low = round3(t.nominalVoltageV * (1 - t.voltageTolerancePct / 100));
  const high = round3(t.nominalVoltageV * (1 + t.voltageTolerancePct / 100));
  for (const p of phases) {
    const v = fields[p.voltage];
    if (v == null) continue;
    if (v <= t.lostPhaseVoltageV) {
      if (live.length)
        found.push({
          rule: `phase_lost_${p.phase}`,
          type: "phase_lost",
          severity: "CRITICAL",
          category: "grid_quality",
          params: { phase: p.phase, voltageV: v, livePhases: live.map((l) => l.phase) },
          measuredValue: v,
          unit: "V",
          code: `1-0:${p.obis}.7.0`,
          threshold: t.lostPhaseVoltageV,
        });
    } else if (v < low || v > high) {
      found.push({
        rule: `voltage_${p.phase}`,
        type: v < low ? "voltage_low" : "voltage_high",
        severity: "ERROR",
        category: "grid_quality",
        params: { phase: p.phase, voltageV: v, nominalV: t.nominalVoltageV, tolerancePct: t.voltageTolerancePct },
        measuredValue: v,
        unit: "V",
        code: `1-0:${p.obis}.7.0`,
        threshold: v < low ? low : high,
      });
    }
    const thd = fields[p.thd];
    if (thd != null && thd > t.maxThdPct) {
      found.push({
        rule: `thd_${p.phase}`,
        type: "thd_high",
        severity: "WARNING",
        category: "grid_quality",
        params: { phase: p.phase, thdPct: thd, maxPct: t.maxThdPct },
        measuredValue: thd,
        unit: "%",
        code: `1-0:${p.obis}.7.124`,
        threshold: t.maxThdPct,
      });
    }
  }
  const f = fields.frequencyHz;
  const fTol = round3((t.nominalFrequencyHz * t.frequencyTolerancePct) / 100);
  if (f != null && Math.abs(f - t.nominalFrequencyHz) > fTol) {
    found.push({
      rule: "frequency",
      type: "frequency_out_of_range",
      severity: "ERROR",
      category: "grid_quality",
      params: { frequencyHz: f, nominalHz: t.nominalFrequencyHz, tolerancePct: t.frequencyTolerancePct },
      measuredValue: f,
      unit: "Hz",
      code: "1-0:14.7.0",
      threshold: f < t.nominalFrequencyHz ? t.nominalFrequencyHz - fTol : t.nominalFrequencyHz + fTol,
    });
  }
  const pf = fields.powerFactor;
  if (pf != null && Math.abs(pf) < t.minPowerFactor && (power ?? 0) >= 500) {
    found.push({
      rule: "power_factor",
      type: "power_factor_low",
      severity: "WARNING",
      category: "grid_quality",
      params: { powerFactor: pf, minPowerFactor: t.minPowerFactor, powerW: Math.round(power ?? 0) },
      measuredValue: pf,
      unit: "",
      code: "1-0:13.7.0",
      threshold: t.minPowerFactor,
    });
  }
  return found;
}

/** An hour's consumption far above the same hour of the previous weeks. */
export function detectHourlySpike(hourKwh: number, sameHourPreviousWeeks: number[], t: Thresholds): AnomalyFinding | null {
  if (sameHourPreviousWeeks.length < 2 || hourKwh < t.hourlySpikeMinKwh) return null;
  const usual = sameHourPreviousWeeks.reduce((s, v) => s + v, 0) / sameHourPreviousWeeks.length;
  if (hourKwh <= usual * t.hourlySpikeFactor) return null;
  return {
    rule: "hourly_spike",
    type: "consumption_spike",
    severity: "WARNING",
    category: "power",
    params: { hourKwh, usualKwh: usual, weeks: sameHourPreviousWeeks.length },
    measuredValue: hourKwh,
    unit: "kWh",
    code: "1-0:1.8.0",
    threshold: usual * t.hourlySpikeFactor,
  };
}

/** A finding as the alert it raises for a meter. */
export function findingAlert(meter: { name: string }, f: AnomalyFinding): SourcedAlertInput {
  return {
    ...({ type: f.type, params: { ...f.params, meter: meter.name } } as TypedAlert),
    severity: f.severity,
    category: f.category,
    measuredValue: f.measuredValue,
    unit: f.unit,
    code: f.code,
    threshold: f.threshold,
  };
}
