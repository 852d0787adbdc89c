import { cosemUnitName } from "../cosem-units";
import { decodeError } from "../errors";
import { normaliseObisValues, obisAt, type ObisValue } from "../obis";
import type { DecodedFrame } from "../reading";
import { parseSmlFile, SmlOctets, type SmlReader, type SmlValue } from "./sml-file";
import { unwrapSmlTransport } from "./transport";

const GET_LIST_RESPONSE = 0x0701;
const MANUFACTURER = "129-129:199.130.3";
const SERVER_ID_CODES = ["1-0:96.1.0", "1-0:0.0.9", "0-0:96.1.0"];

/** An optional field: an empty octet string (0x01) means "not set". */
const field = (v: SmlValue | undefined) => (v instanceof SmlOctets && v.length === 0 ? undefined : v);
const integer = (v: SmlValue | undefined) => (typeof v === "number" ? v : null);

const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, "0"));

function hex(o: SmlOctets): string {
  let out = "";
  for (let i = o.start; i < o.start + o.length; i++) out += HEX_PAIRS[o.file[i]!];
  return out;
}

/** Printable ASCII as text, anything else in hex; built from the bytes in place (a Buffer per value cost more than the parse). */
function text(o: SmlOctets): string {
  let out = "";
  for (let i = o.start; i < o.start + o.length; i++) {
    const b = o.file[i]!;
    if (b < 0x20 || b > 0x7e) return hex(o);
    out += String.fromCharCode(b);
  }
  return out;
}

const isUpper = (b: number) => b >= 0x41 && b <= 0x5a;

/**
 * A server id as printed on the meter (DIN 43863-5): `0A 01 45 4D 48 00 00 9F 38 46` is
 * "1EMH0010434246" (medium, manufacturer, fabrication block, serial); other forms in hex.
 */
export function smlServerId(id: SmlOctets): string | null {
  let zero = true;
  for (let i = 0; i < id.length && zero; i++) zero = id.at(i) === 0;
  if (zero) return null;
  if (id.length === 10 && (id.at(0) === 0x09 || id.at(0) === 0x0a) && isUpper(id.at(2)) && isUpper(id.at(3)) && isUpper(id.at(4))) {
    const serial = ((id.at(6) << 24) >>> 0) + (id.at(7) << 16) + (id.at(8) << 8) + id.at(9);
    return `${id.at(1).toString(16)}${String.fromCharCode(id.at(2), id.at(3), id.at(4))}${id.at(5).toString().padStart(2, "0")}${serial.toString().padStart(8, "0")}`;
  }
  return text(id);
}

/**
 * DZG DVS74 meters numbered 42,000,000–48,999,999 and 55,000,000–58,999,999 (fixed from 60,000,000
 * on) send active power as a signed integer of one to three bytes where it is unsigned: 356.24 W
 * arrives as `53 8B 28`, -299.12 W (a capture in devZer0/libsml-testing, DZG_DVS-7412.2). They never
 * shorten a negative value (always four bytes), so a negative of one to three bytes from them is
 * read unsigned. The meter is known by its server id `0A 01 "DZG"` and a five-byte serial number.
 */
const DZG_UNSIGNED_POWER_SERIALS = [
  [42_000_000, 48_999_999],
  [55_000_000, 58_999_999],
] as const;
const POWER_SUMS = new Set(["1-0:16.7.0", "1-0:36.7.0", "1-0:56.7.0", "1-0:76.7.0"]);

function sendsUnsignedPowerAsSigned(id: SmlValue | undefined): boolean {
  if (!(id instanceof SmlOctets) || id.length !== 10 || id.at(0) !== 0x0a || id.at(1) !== 0x01) return false;
  if (id.at(2) !== 0x44 || id.at(3) !== 0x5a || id.at(4) !== 0x47) return false;
  let serial = 0;
  for (let i = 5; i < 10; i++) serial = serial * 256 + id.at(i);
  return DZG_UNSIGNED_POWER_SERIALS.some(([from, to]) => serial >= from && serial <= to);
}

/** The value as sent unsigned, from its type-length byte (a number no longer says how many bytes it came in). */
function dzgPower(typeLength: number, value: number): number {
  const bytes = (typeLength & 0x0f) - 1;
  return typeLength >> 4 === 0x05 && bytes >= 1 && bytes <= 3 ? value + 2 ** (8 * bytes) : value;
}

/** An SML_Timestamp is an Unsigned32 of seconds: anything else is no time (a larger number is no valid Date either). */
const unsigned32 = (v: number | null) => (v !== null && Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? v : null);

/** SML_Time: a seconds index (no clock), a UTC timestamp, or a local timestamp with its offsets. */
function smlTime(v: SmlValue | undefined): Date | null {
  if (!Array.isArray(v) || v.length !== 2) return null;
  const [tag, value] = v;
  if (tag === 2 && typeof value === "number") {
    const seconds = unsigned32(value);
    return seconds === null ? null : new Date(seconds * 1000);
  }
  if (tag === 3 && Array.isArray(value) && value.length === 3) {
    const [raw = null, local, season] = value.map(integer);
    const seconds = unsigned32(raw);
    // The offsets are Integer16 minutes: larger ones are no offsets.
    const offset = (local ?? 0) + (season ?? 0);
    return seconds === null || Math.abs(offset) > 0xffff ? null : new Date((seconds - offset * 60) * 1000);
  }
  return null;
}

/** value × 10^exponent, rounded once (a division for negative exponents, as a printed decimal would be). */
const scaled = (value: number, exponent: number) => (exponent < 0 ? value / 10 ** -exponent : value * 10 ** exponent);

/** What a GetList response holds, read as its entries arrive (no tree of its values is built). */
type GetList = {
  serverId: SmlValue | undefined;
  sensorTime: SmlValue;
  objects: ObisValue[];
  manufacturer?: ObisValue;
  idValue?: ObisValue;
  /** DZG meters sending unsigned power as signed: known from the server id, or from the serial number entry, which they list before their power. */
  unsignedPower: boolean;
};

/** One SML_ListEntry (name, status, time, unit, scaler, value, signature), added to the list's objects when it holds a value. */
function readEntry(reader: SmlReader, list: GetList): void {
  if (reader.list(4) !== 7) throw decodeError("FORMAT", "SML list entry is not a list of seven");
  if (reader.octets(5) !== 6) throw decodeError("FORMAT", "SML list entry without an OBIS code");
  const obis = obisAt(reader.bytes, reader.at - 6);
  const status = reader.read(5);
  const valTime = reader.read(5);
  const unit = reader.read(5);
  const scaler = reader.read(5);
  const typeLength = reader.bytes[reader.at]!;
  const value = field(reader.read(5));
  reader.skip(5); // signature
  if (value === undefined) return;
  const isId = SERVER_ID_CODES.includes(obis);
  let decoded: number | string;
  let unitName: string | null = null;
  if (typeof value === "number") {
    const unitCode = integer(unit);
    const sent = list.unsignedPower && value < 0 && POWER_SUMS.has(obis) ? dzgPower(typeLength, value) : value;
    decoded = scaled(sent, integer(scaler) ?? 0);
    if (unitCode !== null) unitName = cosemUnitName(unitCode);
  } else if (typeof value === "boolean") decoded = value ? 1 : 0;
  else if (value instanceof SmlOctets) decoded = (isId ? smlServerId(value) : null) ?? text(value);
  else return;
  const result: ObisValue = { obis, value: decoded, unit: unitName };
  const statusValue = integer(status);
  if (statusValue !== null) result.status = statusValue;
  const time = smlTime(valTime);
  if (time) result.timestamp = time;
  list.objects.push(result);
  if (obis === MANUFACTURER) list.manufacturer = result;
  else if (!list.idValue && typeof decoded === "string" && isId) {
    list.idValue = result;
    list.unsignedPower ||= sendsUnsignedPowerAsSigned(value);
  }
}

/** SML_GetList.Res: client id, server id, list name, sensor time, value list, then fields not read. */
function readGetListResponse(reader: SmlReader): GetList {
  const fields = reader.list(2);
  if (fields < 5) throw decodeError("FORMAT", "SML GetList response malformed");
  reader.skip(3); // client id
  const serverId = field(reader.read(3));
  reader.skip(3); // list name
  const sensorTime = reader.read(3);
  const entries = reader.list(3);
  if (entries < 0) throw decodeError("FORMAT", "SML GetList response without a value list");
  const list: GetList = { serverId, sensorTime, objects: [], unsignedPower: sendsUnsignedPowerAsSigned(serverId) };
  for (let i = 0; i < entries; i++) readEntry(reader, list);
  for (let i = 5; i < fields; i++) reader.skip(3);
  return list;
}

/**
 * One SML transport frame (SML 1.04: German meters read through an optical head, push at
 * 9600 8N1) decoded to a frame: transport CRC, then the readings of the GetList response with
 * their OBIS code, scaler, unit and status, and the meter's server id.
 */
export function decodeSmlFrame(frame: Uint8Array): DecodedFrame {
  return decodeSmlFile(unwrapSmlTransport(frame), { transportVerified: true });
}

/** An SML file without its transport frame (as some dataloggers forward it): each message's CRC must match. */
export function decodeSmlFile(file: Uint8Array, options: { transportVerified: boolean } = { transportVerified: false }): DecodedFrame {
  const messages = parseSmlFile(file, options, (reader, tag) => (tag === GET_LIST_RESPONSE ? readGetListResponse(reader) : reader.skip(2)));
  let list: GetList | undefined;
  for (const m of messages) if (m.body) list = m.body;
  if (!list)
    throw decodeError(
      "UNSUPPORTED",
      `SML file without a GetList response (messages 0x${messages.map((m) => m.tag.toString(16).padStart(4, "0")).join(", 0x")})`,
    );
  const { serverId, objects, manufacturer, idValue } = list;
  const { fields, registers } = normaliseObisValues(objects, "si");
  const frame: DecodedFrame = {
    protocol: "sml",
    meterId: (serverId instanceof SmlOctets ? smlServerId(serverId) : null) ?? (idValue ? String(idValue.value) : null),
    timestamp: smlTime(list.sensorTime) ?? objects.find((o) => o.timestamp)?.timestamp ?? null,
    fields,
    registers,
    mbus: [],
    objects,
    checksum: "valid",
  };
  if (manufacturer) frame.header = String(manufacturer.value);
  return frame;
}
