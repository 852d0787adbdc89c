import { decodeError } from "../errors";
import { canonicalObis } from "../obis";
import { cosemDateTime, type DlmsData } from "./axdr";

/** A value of the push as the meter sent it, before any scaler: what a layout reads. */
export type CosemEntry = {
  obis: string;
  value: DlmsData;
  /** The scaler-unit the push carries for it (structure or attribute 3 of a register). */
  scalerUnit?: { scaler: number; unit: number };
};

export type PushContent = {
  entries: CosemEntry[];
  clock: Date | null;
  listId: string | null;
  /** A string with no code among the values: the meter's number (Kaifa for Netz NÖ puts it last). */
  looseText: string | null;
  layout: "capture-objects" | "obis-tagged" | "positional";
};

type CaptureObject = { classId: number; obis: string; attribute: number };

const isInteger = (d: DlmsData | undefined): d is { type: "integer"; value: number; tag: number } => d?.type === "integer";
const isObisBytes = (d: DlmsData | undefined): d is { type: "octet-string"; value: Uint8Array } => d?.type === "octet-string" && d.value.length === 6;
const isContainer = (d: DlmsData | undefined): d is { type: "array" | "structure"; items: DlmsData[] } => d?.type === "structure" || d?.type === "array";
const isScalerUnit = (d: DlmsData | undefined): d is { type: "structure"; items: [DlmsData, DlmsData] } =>
  d?.type === "structure" && d.items.length === 2 && d.items[0]!.type === "integer" && d.items[1]!.type === "enum";
const scalerUnitOf = (d: { items: DlmsData[] }) => ({ scaler: (d.items[0] as { value: number }).value, unit: (d.items[1] as { value: number }).value });

/** A string value as text: octet strings that are printable, visible and UTF-8 strings. */
export function dlmsText(d: DlmsData | undefined): string | null {
  if (d?.type === "visible-string" || d?.type === "utf8-string") return d.value;
  if (d?.type !== "octet-string" || !d.value.length) return null;
  // Fixed-size fields are padded with NULs (Energomera's serial number).
  let end = d.value.length;
  while (end > 0 && d.value[end - 1] === 0) end--;
  if (!end) return null;
  for (let i = 0; i < end; i++) if (d.value[i]! < 0x20 || d.value[i]! > 0x7e) return null;
  return Buffer.from(d.value.buffer, d.value.byteOffset, end).toString("latin1");
}

/** `{class-id, logical-name, attribute-index, data-index[, …]}`: one entry of a push object list. */
function captureObject(d: DlmsData): CaptureObject | null {
  if (d.type !== "structure" || d.items.length < 4) return null;
  const [classId, name, attribute, dataIndex] = d.items;
  if (!isInteger(classId) || !isObisBytes(name) || !isInteger(attribute) || !isInteger(dataIndex)) return null;
  return { classId: classId.value, obis: canonicalObis(name.value)!, attribute: attribute.value };
}

function captureObjectList(d: DlmsData | undefined): CaptureObject[] | null {
  if (!isContainer(d) || !d.items.length) return null;
  const list: CaptureObject[] = [];
  for (const item of d.items) {
    const object = captureObject(item);
    if (!object) return null;
    list.push(object);
  }
  return list;
}

const CLOCK_CLASS = 8;
const PUSH_SETUP_CLASS = 40;
const REGISTER_CLASSES = new Set([3, 4, 5]);

/**
 * A push that names what it carries: its first value is the push object list (attribute 2 of the
 * push setup), each entry saying which object and attribute the value at the same place is. The
 * register's own attribute 3 (scaler-unit), when captured too, applies to its value.
 */
function readCaptureObjectPush(items: DlmsData[], list: CaptureObject[]): PushContent {
  // The list usually describes itself as its first object; some meters leave that entry out.
  const offset = list.length === items.length ? 0 : list.length === items.length - 1 ? 1 : -1;
  if (offset < 0) throw decodeError("FORMAT", `the push object list names ${list.length} objects but ${items.length} values follow`);
  const entries: CosemEntry[] = [];
  const scalers = new Map<string, { scaler: number; unit: number }>();
  let clock: Date | null = null;
  for (let i = 0; i < list.length; i++) {
    const object = list[i]!;
    const value = items[i + offset]!;
    if (object.classId === PUSH_SETUP_CLASS || object.attribute === 1) continue;
    if (object.classId === CLOCK_CLASS && object.attribute === 2) {
      if (value.type === "octet-string") clock = cosemDateTime(value.value);
      continue;
    }
    if (REGISTER_CLASSES.has(object.classId) && object.attribute === 3) {
      if (isScalerUnit(value)) scalers.set(object.obis, scalerUnitOf(value));
      continue;
    }
    if (object.attribute === 2) entries.push({ obis: object.obis, value });
  }
  for (const entry of entries) entry.scalerUnit = scalers.get(entry.obis);
  return { entries, clock, listId: null, looseText: null, layout: "capture-objects" };
}

function flatten(data: DlmsData, out: DlmsData[]): DlmsData[] {
  if (isContainer(data) && !isScalerUnit(data)) for (const item of data.items) flatten(item, out);
  else out.push(data);
  return out;
}

/** OBIS list version identifiers (x-x:0.2.129) name the list, they are not a value of the meter. */
const isListIdCode = (obis: string) => obis.endsWith(":0.2.129");
const isClockCode = (obis: string) => obis.startsWith("0-") && obis.endsWith(":1.0.0");

/**
 * Values tagged by their code, whatever the nesting: the E450's flat (OBIS, value) list, or
 * structures of (OBIS, value[, scaler-unit]) (Aidon, Iskra, Kaifa, Kamstrup). A leading string is
 * the list identifier (Kamstrup_V0001); null elements stand for absent phases.
 */
function readObisTaggedPush(items: DlmsData[]): PushContent {
  const entries: CosemEntry[] = [];
  let clock: Date | null = null;
  let listId: string | null = null;
  let looseText: string | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (!isObisBytes(item) || i + 1 >= items.length) {
      // A bare date-time before the first value is the push's time (E450); a bare leading string the list's name.
      const time = item.type === "octet-string" && item.value.length === 12 && !entries.length ? cosemDateTime(item.value) : null;
      if (time) clock ??= time;
      else if (i === 0) listId = dlmsText(item);
      else looseText ??= dlmsText(item);
      continue;
    }
    const obis = canonicalObis(item.value)!;
    const value = items[++i]!;
    const next = items[i + 1];
    const scalerUnit = isScalerUnit(next) ? scalerUnitOf(next) : undefined;
    if (scalerUnit) i++;
    if (isListIdCode(obis)) listId = dlmsText(value) ?? listId;
    else if (isClockCode(obis) && value.type === "octet-string" && value.value.length === 12) clock = cosemDateTime(value.value);
    else entries.push({ obis, value, scalerUnit });
  }
  return { entries, clock, listId, looseText, layout: "obis-tagged" };
}

/**
 * What a notification body carries, from the shape the meter chose. Positional lists (no codes)
 * come back with no entries and their items, for the meter profiles to name.
 */
export function readPushContent(body: DlmsData): PushContent & { positional: DlmsData[] } {
  const items = isContainer(body) ? body.items : [body];
  const list = captureObjectList(items[0]);
  if (list) return { ...readCaptureObjectPush(items, list), positional: [] };
  const flat = flatten(body, []);
  const tagged = readObisTaggedPush(flat);
  if (tagged.entries.length) return { ...tagged, positional: [] };
  return { entries: [], clock: tagged.clock, listId: dlmsText(items[0]), looseText: null, layout: "positional", positional: items };
}
