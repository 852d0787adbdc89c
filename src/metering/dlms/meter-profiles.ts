import type { DlmsData } from "./axdr";
import type { DlmsProfileName } from "./profile-names";
import { dlmsText, type CosemEntry } from "./push-layouts";

/**
 * What a meter family's push means when it carries no scaler-unit: the scaler and unit of each
 * quantity, as the families' public HAN/CII interface descriptions define them (Norwegian and
 * Swedish HAN lists for Kaifa and Kamstrup, the Swiss VSE customer interface for Landis+Gyr and
 * Iskra), keyed by the OBIS "C.D.E" of electricity.
 */
export type MeterProfile = {
  name: string;
  scalers: Record<string, { scaler: number; unit: string }>;
  /** Landis+Gyr: the E450 pushes volts, the E360 tenths of a volt; no LV phase reads 1,000 V. */
  decivoltsAbove?: number;
};

const phases = (codes: string[], scaler: number, unit: string) => Object.fromEntries(codes.map((c) => [c, { scaler, unit }]));
const CURRENTS = ["31.7.0", "51.7.0", "71.7.0", "91.7.0"];
const VOLTAGES = ["32.7.0", "52.7.0", "72.7.0"];
const POWER_FACTORS = ["13.7.0", "33.7.0", "53.7.0", "73.7.0"];
const ACTIVE_ENERGY = [
  "1.8.0",
  "2.8.0",
  "1.8.1",
  "1.8.2",
  "1.8.3",
  "1.8.4",
  "2.8.1",
  "2.8.2",
  "2.8.3",
  "2.8.4",
  "21.8.0",
  "41.8.0",
  "61.8.0",
  "22.8.0",
  "42.8.0",
  "62.8.0",
];
const REACTIVE_ENERGY = ["3.8.0", "4.8.0", "3.8.1", "3.8.2", "4.8.1", "4.8.2", "5.8.0", "6.8.0", "7.8.0", "8.8.0"];
const ACTIVE_POWER = ["1.7.0", "2.7.0", "21.7.0", "41.7.0", "61.7.0", "22.7.0", "42.7.0", "62.7.0"];
const REACTIVE_POWER = ["3.7.0", "4.7.0", "23.7.0", "24.7.0", "43.7.0", "44.7.0", "63.7.0", "64.7.0"];
const base = {
  ...phases(ACTIVE_ENERGY, 0, "Wh"),
  ...phases(REACTIVE_ENERGY, 0, "varh"),
  ...phases(ACTIVE_POWER, 0, "W"),
  ...phases(REACTIVE_POWER, 0, "var"),
  ...phases(VOLTAGES, 0, "V"),
};

const kamstrup = { ...base, ...phases(POWER_FACTORS, -2, ""), ...phases(ACTIVE_ENERGY, 1, "Wh"), ...phases(REACTIVE_ENERGY, 1, "varh") };

export const meterProfiles = {
  generic: { name: "DLMS, values in base units (W, Wh, V, A)", scalers: { ...base, ...phases(CURRENTS, 0, "A") } },
  kaifa: { name: "Kaifa (HAN list KFM_001)", scalers: { ...base, ...phases(CURRENTS, -3, "A"), ...phases(VOLTAGES, -1, "V") } },
  kamstrup: { name: "Kamstrup (HAN list Kamstrup_V0001)", scalers: { ...kamstrup, ...phases(CURRENTS, -2, "A") } },
  /** Kamstrup current-transformer meters (type 685…) report milliamperes. */
  "kamstrup-ct": { name: "Kamstrup current-transformer meter", scalers: { ...kamstrup, ...phases(CURRENTS, -3, "A") } },
  "landis-gyr-e450": {
    name: "Landis+Gyr E360 / E450",
    scalers: { ...base, ...phases(CURRENTS, -2, "A"), ...phases(POWER_FACTORS, -3, "") },
    decivoltsAbove: 1000,
  },
  /** The E570 (current-transformer meter) reports whole amperes. */
  "landis-gyr-e570": { name: "Landis+Gyr E570", scalers: { ...base, ...phases(CURRENTS, 0, "A"), ...phases(POWER_FACTORS, -3, "") }, decivoltsAbove: 1000 },
  "iskra-am550": { name: "Iskra AM550", scalers: { ...base, ...phases(CURRENTS, -2, "A"), ...phases(VOLTAGES, -1, "V"), ...phases(POWER_FACTORS, -3, "") } },
} satisfies Record<DlmsProfileName, MeterProfile>;

const byManufacturer: Record<string, DlmsProfileName> = { LGZ: "landis-gyr-e450", ISK: "iskra-am550", KFM: "kaifa", KAM: "kamstrup" };

/**
 * The profile of a push: the one the operator chose for the meter, else by its list identifier,
 * else by the manufacturer's FLAG code (logical device name or system title).
 */
export function profileFor(chosen: DlmsProfileName | undefined, listId: string | null, manufacturer: string | null, meterType: string | null): MeterProfile {
  if (chosen) return meterProfiles[chosen];
  if (listId?.startsWith("KFM")) return meterProfiles.kaifa;
  if (listId?.startsWith("Kamstrup")) return meterType?.startsWith("685") ? meterProfiles["kamstrup-ct"] : meterProfiles.kamstrup;
  const known = manufacturer ? byManufacturer[manufacturer.toUpperCase()] : undefined;
  return known ? meterProfiles[known] : meterProfiles.generic;
}

type Slot = { obis: string; kind: "text" | "number" | "clock" } | null;
type PositionalList = { name: string; manufacturer: string; matches: (items: DlmsData[]) => boolean; slots: Slot[]; listId?: boolean };

const text = (obis: string): Slot => ({ obis, kind: "text" });
const num = (c: string): Slot => ({ obis: `1-0:${c}`, kind: "number" });
const kaifa2 = [null, text("0-0:96.1.0"), text("0-0:96.1.7"), num("1.7.0"), num("2.7.0"), num("3.7.0"), num("4.7.0")];
const kaifa3 = [{ obis: "0-0:1.0.0", kind: "clock" } as const, num("1.8.0"), num("2.8.0"), num("3.8.0"), num("4.8.0")];
const isKaifaList = (items: DlmsData[]) => dlmsText(items[0]) === "KFM_001";
const isIskraList = (items: DlmsData[]) => /^ISK/.test(dlmsText(items[0]) ?? "");

/**
 * Lists that carry values without any code, named by position: the Kaifa lists of the Norwegian
 * HAN specification (1, 9, 13, 14 and 18 elements) and the Iskra AM550 lists of Slovenian and
 * Croatian distributors (18 and 12 elements, first the logical device name).
 */
const positionalLists: PositionalList[] = [
  { name: "Kaifa list 1", manufacturer: "KFM", matches: (i) => i.length === 1 && i[0]!.type === "integer", slots: [num("1.7.0")] },
  {
    name: "Kaifa list 2, one phase",
    manufacturer: "KFM",
    listId: true,
    matches: (i) => i.length === 9 && isKaifaList(i),
    slots: [...kaifa2, num("31.7.0"), num("32.7.0")],
  },
  {
    name: "Kaifa list 2, three phases",
    manufacturer: "KFM",
    listId: true,
    matches: (i) => i.length === 13 && isKaifaList(i),
    slots: [...kaifa2, num("31.7.0"), num("51.7.0"), num("71.7.0"), num("32.7.0"), num("52.7.0"), num("72.7.0")],
  },
  {
    name: "Kaifa list 3, one phase",
    manufacturer: "KFM",
    listId: true,
    matches: (i) => i.length === 14 && isKaifaList(i),
    slots: [...kaifa2, num("31.7.0"), num("32.7.0"), ...kaifa3],
  },
  {
    name: "Kaifa list 3, three phases",
    manufacturer: "KFM",
    listId: true,
    matches: (i) => i.length === 18 && isKaifaList(i),
    slots: [...kaifa2, num("31.7.0"), num("51.7.0"), num("71.7.0"), num("32.7.0"), num("52.7.0"), num("72.7.0"), ...kaifa3],
  },
  {
    name: "Iskra AM550 instantaneous list",
    manufacturer: "ISK",
    matches: (i) => i.length === 18 && isIskraList(i),
    slots: [
      text("0-0:42.0.0"),
      text("0-0:96.1.2"),
      ...[
        "1.7.0",
        "2.7.0",
        "3.7.0",
        "4.7.0",
        "32.7.0",
        "52.7.0",
        "72.7.0",
        "31.7.0",
        "51.7.0",
        "71.7.0",
        "21.7.0",
        "41.7.0",
        "61.7.0",
        "22.7.0",
        "42.7.0",
        "62.7.0",
      ].map(num),
    ],
  },
  {
    name: "Iskra AM550 energy list",
    manufacturer: "ISK",
    matches: (i) => i.length === 12 && isIskraList(i),
    slots: [
      text("0-0:42.0.0"),
      text("0-0:96.1.3"),
      { obis: "0-0:96.3.10", kind: "number" },
      text("0-0:96.14.0"),
      ...["1.8.0", "1.8.1", "1.8.2", "2.8.0", "2.8.1", "2.8.2", "3.8.0", "4.8.0"].map(num),
    ],
  },
];

const fits = (slot: Slot, d: DlmsData) =>
  !slot ||
  d.type === "null" ||
  (slot.kind === "number"
    ? d.type === "integer" || d.type === "boolean" || d.type === "enum"
    : d.type === "octet-string" || d.type === "visible-string" || d.type === "utf8-string");

/** Names the values of a known positional list, or null when the list is not one of them. */
export function readPositionalList(
  items: DlmsData[],
): { name: string; manufacturer: string; listId: string | null; entries: CosemEntry[]; clock: DlmsData | null } | null {
  const list = positionalLists.find((l) => l.matches(items) && l.slots.every((s, k) => fits(s, items[k]!)));
  if (!list) return null;
  const entries: CosemEntry[] = [];
  let clock: DlmsData | null = null;
  list.slots.forEach((slot, k) => {
    if (!slot) return;
    if (slot.kind === "clock") clock = items[k]!;
    else entries.push({ obis: slot.obis, value: items[k]! });
  });
  return { name: list.name, manufacturer: list.manufacturer, listId: list.listId ? dlmsText(items[0]) : null, entries, clock };
}
