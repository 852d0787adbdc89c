/**
 * OBIS codes (IEC 62056-61) and the one table that maps every decoder's values to reading fields,
 * with units normalised: kWh, kvarh, W, var, VA, V, A, Hz, power factor, THD %.
 */

const CODE_CACHE_LIMIT = 10_000;
/**
 * A parsed code: canonical form, medium A, channel B, "C.D.E", billing period, and `key`: the
 * canonical form with the billing period kept ("1-0:1.8.1*7"), so historic values stay apart.
 */
export type ObisCode = { obis: string; key: string; medium: number; channel: number; cde: string; period: number | null };
const codeCache = new Map<string, ObisCode | null>();

function parseCode(code: string): ObisCode | null {
  const m = /^(?:(\d{1,3})-(\d{1,3}):)?([0-9A-Z]{1,3})\.([0-9A-Z]{1,3})(?:\.(\d{1,3}))?(?:[*&](\d{1,3}))?$/.exec(code.trim());
  if (!m) return null;
  const [, a = "1", b = "0", c, d, e = "0", f] = m;
  const obis = `${a}-${b}:${c}.${d}.${e}`;
  const period = f && f !== "255" ? Number(f) : null;
  return { obis, key: period === null ? obis : `${obis}*${period}`, medium: Number(a), channel: Number(b), cde: `${c}.${d}.${e}`, period };
}

/**
 * "1-0:1.8.0", "1-0:1.8.0*255", "1.8.0" (D0 short form, medium 1 assumed) → "1-0:1.8.0", with the
 * billing period of a "*7" suffix (255 and none mean current). Meters repeat the same few codes
 * in every frame, so results are remembered.
 */
export function parseObisCode(code: string): ObisCode | null {
  let parsed = codeCache.get(code);
  if (parsed === undefined) {
    parsed = parseCode(code);
    if (codeCache.size < CODE_CACHE_LIMIT) codeCache.set(code, parsed);
  }
  return parsed;
}

const byteCodeCache = new Map<number, string>();

/** A code as text or six DLMS/SML bytes → "A-B:C.D.E", or null. Byte codes repeat in every push: remembered. */
export function canonicalObis(code: string | Uint8Array): string | null {
  if (typeof code === "string") return parseObisCode(code)?.obis ?? null;
  return code.length === 6 ? obisAt(code, 0) : null;
}

/** The six code bytes at `at` → "A-B:C.D.E" (F, the billing period, is left out as everywhere else). */
export function obisAt(bytes: Uint8Array, at: number): string {
  const key = ((bytes[at]! * 256 + bytes[at + 1]!) * 256 + bytes[at + 2]!) * 65536 + bytes[at + 3]! * 256 + bytes[at + 4]!;
  let text = byteCodeCache.get(key);
  if (text === undefined) {
    text = `${bytes[at]}-${bytes[at + 1]}:${bytes[at + 2]}.${bytes[at + 3]}.${bytes[at + 4]}`;
    if (byteCodeCache.size < CODE_CACHE_LIMIT) byteCodeCache.set(key, text);
  }
  return text;
}

export type ReadingField =
  | "energyImportKwh"
  | "energyExportKwh"
  | "reactiveImportKvarh"
  | "reactiveExportKvarh"
  | "powerImportW"
  | "powerExportW"
  | "reactivePowerImportVar"
  | "reactivePowerExportVar"
  | "apparentPowerVa"
  | "powerL1W"
  | "powerL2W"
  | "powerL3W"
  | "powerExportL1W"
  | "powerExportL2W"
  | "powerExportL3W"
  | "voltageL1V"
  | "voltageL2V"
  | "voltageL3V"
  | "currentL1A"
  | "currentL2A"
  | "currentL3A"
  | "currentNeutralA"
  | "frequencyHz"
  | "powerFactor"
  | "powerFactorL1"
  | "powerFactorL2"
  | "powerFactorL3"
  | "thdVoltageL1Pct"
  | "thdVoltageL2Pct"
  | "thdVoltageL3Pct"
  | "thdCurrentL1Pct"
  | "thdCurrentL2Pct"
  | "thdCurrentL3Pct";

export type ReadingFields = Partial<Record<ReadingField, number>>;

/** Every field, in a fixed order: the Reading table has one column per field. */
export const readingFields: readonly ReadingField[] = [
  "energyImportKwh",
  "energyExportKwh",
  "reactiveImportKvarh",
  "reactiveExportKvarh",
  "powerImportW",
  "powerExportW",
  "reactivePowerImportVar",
  "reactivePowerExportVar",
  "apparentPowerVa",
  "powerL1W",
  "powerL2W",
  "powerL3W",
  "powerExportL1W",
  "powerExportL2W",
  "powerExportL3W",
  "voltageL1V",
  "voltageL2V",
  "voltageL3V",
  "currentL1A",
  "currentL2A",
  "currentL3A",
  "currentNeutralA",
  "frequencyHz",
  "powerFactor",
  "powerFactorL1",
  "powerFactorL2",
  "powerFactorL3",
  "thdVoltageL1Pct",
  "thdVoltageL2Pct",
  "thdVoltageL3Pct",
  "thdCurrentL1Pct",
  "thdCurrentL2Pct",
  "thdCurrentL3Pct",
];

type Quantity = "energy" | "reactiveEnergy" | "power" | "reactivePower" | "apparentPower" | "voltage" | "current" | "frequency" | "ratio" | "percent";

/** Target unit of each quantity, and the factor from every unit meters print for it. */
const units: Record<Quantity, { unit: string; from: Record<string, number> }> = {
  energy: { unit: "kWh", from: { kwh: 1, wh: 0.001, mwh: 1000 } },
  reactiveEnergy: { unit: "kvarh", from: { kvarh: 1, varh: 0.001 } },
  power: { unit: "W", from: { w: 1, kw: 1000, mw: 1e6 } },
  reactivePower: { unit: "var", from: { var: 1, kvar: 1000 } },
  apparentPower: { unit: "VA", from: { va: 1, kva: 1000 } },
  voltage: { unit: "V", from: { v: 1, kv: 1000 } },
  current: { unit: "A", from: { a: 1, ma: 0.001 } },
  frequency: { unit: "Hz", from: { hz: 1 } },
  ratio: { unit: "", from: { "": 1 } },
  percent: { unit: "%", from: { "%": 1 } },
};

/** The factor from `unit` (any case) to the quantity's unit; own keys only: a meter's "constructor" is no unit. */
function unitFactor(quantity: Quantity, unit: string): number | null {
  const from = units[quantity].from;
  const key = unit.toLowerCase();
  return Object.hasOwn(from, key) ? from[key]! : null;
}

const knownUnits = new Set(Object.values(units).flatMap((u) => Object.keys(u.from).filter(Boolean)));

/** Whether `unit` is one the normalisation knows (any case): "kWh", "var", "Hz"… */
export const isKnownUnit = (unit: string) => knownUnits.has(unit.toLowerCase());

/** "C.D.E" of electricity (A = 1) → field. Tariff registers (x.8.1–x.8.9) are kept by code. */
const fieldTable: Record<string, [ReadingField, Quantity]> = {
  "1.8.0": ["energyImportKwh", "energy"],
  "2.8.0": ["energyExportKwh", "energy"],
  "3.8.0": ["reactiveImportKvarh", "reactiveEnergy"],
  "4.8.0": ["reactiveExportKvarh", "reactiveEnergy"],
  "1.7.0": ["powerImportW", "power"],
  "2.7.0": ["powerExportW", "power"],
  "3.7.0": ["reactivePowerImportVar", "reactivePower"],
  "4.7.0": ["reactivePowerExportVar", "reactivePower"],
  "9.7.0": ["apparentPowerVa", "apparentPower"],
  "21.7.0": ["powerL1W", "power"],
  "41.7.0": ["powerL2W", "power"],
  "61.7.0": ["powerL3W", "power"],
  "22.7.0": ["powerExportL1W", "power"],
  "42.7.0": ["powerExportL2W", "power"],
  "62.7.0": ["powerExportL3W", "power"],
  "32.7.0": ["voltageL1V", "voltage"],
  "52.7.0": ["voltageL2V", "voltage"],
  "72.7.0": ["voltageL3V", "voltage"],
  "31.7.0": ["currentL1A", "current"],
  "51.7.0": ["currentL2A", "current"],
  "71.7.0": ["currentL3A", "current"],
  "91.7.0": ["currentNeutralA", "current"],
  "14.7.0": ["frequencyHz", "frequency"],
  "13.7.0": ["powerFactor", "ratio"],
  "33.7.0": ["powerFactorL1", "ratio"],
  "53.7.0": ["powerFactorL2", "ratio"],
  "73.7.0": ["powerFactorL3", "ratio"],
  "32.7.124": ["thdVoltageL1Pct", "percent"],
  "52.7.124": ["thdVoltageL2Pct", "percent"],
  "72.7.124": ["thdVoltageL3Pct", "percent"],
  "31.7.124": ["thdCurrentL1Pct", "percent"],
  "51.7.124": ["thdCurrentL2Pct", "percent"],
  "71.7.124": ["thdCurrentL3Pct", "percent"],
};

const registerQuantity: Record<string, Quantity> = { "1": "energy", "2": "energy", "3": "reactiveEnergy", "4": "reactiveEnergy" };

/** One value as a decoder found it. `unit` null: the protocol's default for the code (see defaultUnit). */
export type ObisValue = {
  obis: string;
  value: number | string;
  unit: string | null;
  timestamp?: Date | null;
  status?: number /** A wall-clock time the meter printed without a zone (IEC 62056-21 "YYMMDDhhmm"). */;
  localTime?: string;
};

/** A DLMS value without scaler-unit, or a D0/DSMR value printed without unit, is in the base unit. */
/**
 * What a value printed without unit means: "si" (DLMS: W, Wh…), "kilo" (DSMR: kW, kWh…) or
 * "kwh-only" (IEC 62056-21 readouts, where heat and water meters share the short codes: only
 * energy registers are taken, in kWh; anything else without unit is left out).
 */
export type BaseUnits = "si" | "kilo" | "kwh-only";

function defaultUnit(quantity: Quantity, baseUnits: BaseUnits): string | null {
  if (baseUnits === "kwh-only") return ({ energy: "kwh", reactiveEnergy: "kvarh", ratio: "" } as Partial<Record<Quantity, string>>)[quantity] ?? null;
  if (baseUnits === "kilo")
    return (
      { energy: "kwh", reactiveEnergy: "kvarh", power: "kw", reactivePower: "kvar", apparentPower: "kva" }[quantity as "energy"] ??
      units[quantity].unit.toLowerCase()
    );
  return { energy: "wh", reactiveEnergy: "varh" }[quantity as "energy"] ?? units[quantity].unit.toLowerCase();
}

/** Conversion factors per quantity, base and printed unit, looked up once each. */
const factorCache: Record<BaseUnits, Map<Quantity, Map<string | null, number | null>>> = { si: new Map(), kilo: new Map(), "kwh-only": new Map() };

function convert(value: number, unit: string | null, quantity: Quantity, baseUnits: BaseUnits): number | null {
  const perQuantity = factorCache[baseUnits];
  let byUnit = perQuantity.get(quantity);
  if (!byUnit) {
    byUnit = new Map();
    perQuantity.set(quantity, byUnit);
  }
  let factor = byUnit.get(unit);
  if (factor === undefined) {
    const effective = unit ?? defaultUnit(quantity, baseUnits);
    factor = effective === null ? null : unitFactor(quantity, effective);
    if (byUnit.size < 100) byUnit.set(unit, factor);
  }
  return factor === null ? null : factor === 1 ? value : round(value * factor);
}

export type NormalisedValues = { fields: ReadingFields; registers: Record<string, number> };

/**
 * Maps decoded values to reading fields and tariff registers in normalised units. Values of other
 * media, billing periods, unknown codes or units are left out (they stay in the raw objects).
 * `baseUnits`: what a value without unit means (see BaseUnits).
 */
type Target =
  | { field: ReadingField; quantity: Quantity }
  | { register: string; total: ReadingField; quantity: Quantity }
  | { signed: [ReadingField, ReadingField]; quantity: Quantity }
  | null;
const registerTotals: Record<string, ReadingField> = { "1": "energyImportKwh", "2": "energyExportKwh", "3": "reactiveImportKvarh", "4": "reactiveExportKvarh" };

/** Signed sums (SML meters): import when positive, export when negative. */
const signedTable: Record<string, [ReadingField, ReadingField]> = {
  "16.7.0": ["powerImportW", "powerExportW"],
  "36.7.0": ["powerL1W", "powerExportL1W"],
  "56.7.0": ["powerL2W", "powerExportL2W"],
  "76.7.0": ["powerL3W", "powerExportL3W"],
};
const targetCache = new Map<string, Target>();

/**
 * Import powers some bidirectional meters print with a sign (EasyMeter Q3D: 1-0:1.7.0(-000116.77*W)
 * while feeding in): a negative one is that much export.
 */
const exportOf: Partial<Record<ReadingField, ReadingField>> = {
  powerImportW: "powerExportW",
  powerL1W: "powerExportL1W",
  powerL2W: "powerExportL2W",
  powerL3W: "powerExportL3W",
};

function targetOf(obis: string): Target {
  let target = targetCache.get(obis);
  if (target !== undefined) return target;
  target = null;
  if (obis.startsWith("1-")) {
    // E = 255 ("not used") on an instantaneous value is the value itself: EasyMeter's 1-0:1.7.255, 21.7.255…
    const printed = obis.slice(obis.indexOf(":") + 1);
    const cde = printed.endsWith(".7.255") ? `${printed.slice(0, -3)}0` : printed;
    const mapped = fieldTable[cde];
    const tariff = /^([1-4])\.8\.([1-9])$/.exec(cde);
    if (mapped) target = { field: mapped[0], quantity: mapped[1] };
    else if (signedTable[cde]) target = { signed: signedTable[cde], quantity: "power" };
    else if (tariff) target = { register: cde, total: registerTotals[tariff[1]!]!, quantity: registerQuantity[tariff[1]!]! };
  }
  if (targetCache.size < 10_000) targetCache.set(obis, target);
  return target;
}

export function normaliseObisValues(values: ObisValue[], baseUnits: BaseUnits): NormalisedValues {
  const fields: ReadingFields = {};
  const registers: Record<string, number> = {};
  const signed: [ReadingField, ReadingField, number][] = [];
  const negativeImports: [ReadingField, ReadingField, number][] = [];
  const tariffSums: Partial<Record<ReadingField, number>> = {};
  for (const v of values) {
    if (typeof v.value !== "number" || !Number.isFinite(v.value)) continue;
    const target = targetOf(v.obis);
    if (!target) continue;
    const converted = convert(v.value, v.unit, target.quantity, baseUnits);
    if (converted === null) continue;
    if ("field" in target) {
      const exportField = converted < 0 ? exportOf[target.field] : undefined;
      if (exportField) negativeImports.push([target.field, exportField, -converted]);
      else fields[target.field] = converted;
    } else if ("signed" in target) signed.push([target.signed[0], target.signed[1], converted]);
    else {
      tariffSums[target.total] = (tariffSums[target.total] ?? 0) - (registers[target.register] ?? 0) + converted;
      registers[target.register] = converted;
    }
  }
  // Where the meter also printed the export itself, that stays.
  for (const [importField, exportField, value] of negativeImports) {
    fields[importField] ??= 0;
    fields[exportField] ??= value;
  }
  // A signed sum fills its pair only where the meter did not send the quantities themselves.
  for (const [importField, exportField, value] of signed) {
    if (fields[importField] !== undefined || fields[exportField] !== undefined) continue;
    fields[importField] = Math.max(0, value);
    fields[exportField] = Math.max(0, -value);
  }
  // DSMR meters print only the tariff registers: their sum is the total.
  for (const field in tariffSums) {
    const f = field as ReadingField;
    if (fields[f] === undefined) fields[f] = round(tariffSums[f]!);
  }
  return { fields, registers };
}

const round = (n: number) => Math.round(n * 1e9) / 1e9;
