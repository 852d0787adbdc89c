import { describe, expect, it } from "vitest";
import { detectHourlySpike, detectReadingAnomalies, type Thresholds } from "../../../src/metering/anomalies";

const t: Thresholds = {
  contractLimitW: 9000,
  nominalVoltageV: 230,
  voltageTolerancePct: 10,
  nominalFrequencyHz: 50,
  frequencyTolerancePct: 1,
  minPowerFactor: 0.8,
  maxThdPct: 8,
  lostPhaseVoltageV: 50,
  checksumErrorBurst: 5,
  hourlySpikeFactor: 3,
  hourlySpikeMinKwh: 0.5,
  maxPhysicalPowerW: 43_470,
};
const types = (fields: Parameters<typeof detectReadingAnomalies>[0]) => detectReadingAnomalies(fields, t).map((f) => f.type);

describe("reading anomaly rules", () => {
  it("see nothing in a healthy reading", () => {
    expect(types({ powerImportW: 3000, voltageL1V: 231, voltageL2V: 229, voltageL3V: 232, frequencyHz: 50.02, powerFactor: 0.95, thdVoltageL1Pct: 2 })).toEqual(
      [],
    );
  });
  it("flag power above the contract, voltage out of ±10 %, frequency out of ±1 %", () => {
    expect(types({ powerImportW: 9500 })).toEqual(["power_over_limit"]);
    expect(types({ voltageL1V: 206, voltageL2V: 254 })).toEqual(["voltage_low", "voltage_high"]);
    expect(types({ frequencyHz: 49.4 })).toEqual(["frequency_out_of_range"]);
    expect(types({ frequencyHz: 50.4 })).toEqual([]);
  });
  it("flag a lost phase only while another phase is live", () => {
    expect(types({ voltageL1V: 231, voltageL2V: 0, voltageL3V: 230 })).toEqual(["phase_lost"]);
    expect(types({ voltageL1V: 0, voltageL2V: 0, voltageL3V: 0 })).toEqual([]);
  });
  it("flag a low power factor under load and high THD", () => {
    expect(types({ powerFactor: 0.6, powerImportW: 2000 })).toEqual(["power_factor_low"]);
    expect(types({ powerFactor: 0.6, powerImportW: 100 })).toEqual([]);
    expect(types({ voltageL2V: 230, thdVoltageL2Pct: 9.5 })).toEqual(["thd_high"]);
  });
  it("carry value, unit, OBIS code and threshold", () => {
    expect(detectReadingAnomalies({ voltageL3V: 260 }, t)[0]).toMatchObject({ measuredValue: 260, unit: "V", code: "1-0:72.7.0", threshold: 253 });
  });
  it("compare an hour with the same hour of previous weeks", () => {
    expect(detectHourlySpike(4, [1, 1.2, 0.8], t)).toMatchObject({ type: "consumption_spike", threshold: 3 });
    expect(detectHourlySpike(2.5, [1, 1.2, 0.8], t)).toBeNull();
    expect(detectHourlySpike(0.4, [0.1, 0.1], t)).toBeNull();
    expect(detectHourlySpike(4, [1], t)).toBeNull();
  });
});
