import { seededRandom } from "../../lib/seeded-random";
import { offsetMinutes } from "../../lib/time-zone";
import type { ReadingFields } from "../obis";

export type SimulatorOptions = {
  seed?: number;
  /** Night and weekend consumption (W). */
  baseLoadW?: number;
  /** Working-hours consumption on weekdays (W). */
  workLoadW?: number;
  /** Peak of the solar panels at noon (W); 0 for none. */
  pvPeakW?: number;
  /** Occasional voltage sags and power spikes, so anomaly alerts fire. */
  incidents?: boolean;
  /** Register values (kWh) to start from, e.g. where a backfilled history ended. */
  startRegisters?: Record<string, number>;
  /** The site's time zone: people follow its wall clock (daylight saving included), the sun does not. */
  timezone?: string;
};

export type SimulatedState = { fields: ReadingFields; registers: Record<string, number> };

const smooth = (x: number, from: number, to: number) => Math.min(1, Math.max(0, (x - from) / (to - from)));

/**
 * A site's electricity: weekday working hours above a night and weekend base, a lunch dip,
 * noise, optional PV export around noon, and (optionally) rare voltage sags and power spikes.
 * Stateful: registers integrate the power between calls, per tariff (heures pleines 6–22 h).
 */
export class LoadModel {
  private readonly random: () => number;
  private readonly o: Required<SimulatorOptions>;
  private last: number | null = null;
  private readonly registers: Record<string, number>;
  private readonly standardOffsetMs: number;
  private offsetCache = { hour: NaN, offsetMs: 0 };

  constructor(options: SimulatorOptions = {}, startKwh = 12_000) {
    this.o = { seed: 1, baseLoadW: 800, workLoadW: 4500, pvPeakW: 0, incidents: false, timezone: "Europe/Paris", startRegisters: {}, ...options };
    const year = new Date().getUTCFullYear();
    this.standardOffsetMs =
      Math.min(offsetMinutes(new Date(Date.UTC(year, 0, 1)), this.o.timezone), offsetMinutes(new Date(Date.UTC(year, 6, 1)), this.o.timezone)) * 60_000;
    this.random = seededRandom(this.o.seed);
    this.registers = { "1.8.1": startKwh * 0.7, "1.8.2": startKwh * 0.3, "2.8.1": 0, "2.8.2": 0, ...options.startRegisters };
  }

  /** `t` shifted by the site's offset, read with getUTC*: the offset is looked up once per hour. */
  private wallClock(t: Date): Date {
    const hour = Math.floor(t.getTime() / 3_600_000);
    if (hour !== this.offsetCache.hour) this.offsetCache = { hour, offsetMs: offsetMinutes(new Date(hour * 3_600_000), this.o.timezone) * 60_000 };
    return new Date(t.getTime() + this.offsetCache.offsetMs);
  }

  /** Expected load at `t` without noise or incidents: the simulator's ground truth for forecasts. */
  expectedLoadW(t: Date): number {
    const local = this.wallClock(t);
    const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
    const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
    const work = weekday ? smooth(hour, 7, 9) * (1 - smooth(hour, 17.5, 19.5)) : 0;
    const lunch = weekday && hour >= 12 && hour < 13.5 ? 0.75 : 1;
    return this.o.baseLoadW + (this.o.workLoadW - this.o.baseLoadW) * work * lunch;
  }

  pvW(t: Date): number {
    if (!this.o.pvPeakW) return 0;
    const solar = new Date(t.getTime() + this.standardOffsetMs);
    const hour = solar.getUTCHours() + solar.getUTCMinutes() / 60;
    return Math.max(0, Math.cos(((hour - 13) / 6) * (Math.PI / 2))) ** 2 * this.o.pvPeakW * (hour > 7 && hour < 19 ? 1 : 0);
  }

  step(t: Date): SimulatedState {
    const noise = 1 + (this.random() - 0.5) * 0.16;
    const spike = this.o.incidents && this.random() < 0.002 ? 7000 : 0;
    const load = this.expectedLoadW(t) * noise + spike;
    const net = load - this.pvW(t);
    const importW = Math.max(0, net);
    const exportW = Math.max(0, -net);
    if (this.last !== null && t.getTime() > this.last) {
      const hours = (t.getTime() - this.last) / 3_600_000;
      const localHour = this.wallClock(t).getUTCHours();
      const tariff = localHour >= 6 && localHour < 22 ? "1" : "2";
      this.registers[`1.8.${tariff}`]! += (importW * hours) / 1000;
      this.registers[`2.8.${tariff}`]! += (exportW * hours) / 1000;
    }
    this.last = t.getTime();
    const sag = this.o.incidents && this.random() < 0.002;
    const voltage = () => Math.round((sag ? 196 : 230 + (this.random() - 0.5) * 6) * 10) / 10;
    const pf = Math.round((0.93 + this.random() * 0.05) * 1000) / 1000;
    const share = [0.4, 0.35, 0.25];
    const [v1, v2, v3] = [voltage(), voltage(), voltage()];
    const r3 = (n: number) => Math.round(n * 1000) / 1000;
    return {
      registers: Object.fromEntries(Object.entries(this.registers).map(([k, v]) => [k, r3(v)])),
      fields: {
        energyImportKwh: r3(this.registers["1.8.1"]! + this.registers["1.8.2"]!),
        energyExportKwh: r3(this.registers["2.8.1"]! + this.registers["2.8.2"]!),
        powerImportW: Math.round(importW),
        powerExportW: Math.round(exportW),
        powerL1W: Math.round(importW * share[0]!),
        powerL2W: Math.round(importW * share[1]!),
        powerL3W: Math.round(importW * share[2]!),
        voltageL1V: v1,
        voltageL2V: v2,
        voltageL3V: v3,
        currentL1A: Math.round(((importW * share[0]!) / v1 / pf) * 100) / 100,
        currentL2A: Math.round(((importW * share[1]!) / v2 / pf) * 100) / 100,
        currentL3A: Math.round(((importW * share[2]!) / v3 / pf) * 100) / 100,
        frequencyHz: Math.round((50 + (this.random() - 0.5) * 0.06) * 100) / 100,
        powerFactor: pf,
        thdVoltageL1Pct: Math.round((2 + this.random() * 1.5) * 10) / 10,
      },
    };
  }
}
