import { cosemUnitName } from "../cosem-units";
import { decodeError } from "../errors";
import { canonicalObis, normaliseObisValues, type ObisValue } from "../obis";
import type { DecodedFrame } from "../reading";
import { parseSmlFile, type SmlValue } from "./sml-file";
import { unwrapSmlTransport } from "./transport";

const GET_LIST_RESPONSE = 0x0701;
const MANUFACTURER = "129-129:199.130.3";
const SERVER_ID_CODES = ["1-0:96.1.0", "1-0:0.0.9", "0-0:96.1.0"];

const field = (v: SmlValue | undefined) => (v?.type === "octets" && v.value.length === 0 ? undefined : v);
const integer = (v: SmlValue | undefined) => (v?.type === "integer" ? v.value : null);

function text(bytes: Uint8Array): string {
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return Buffer.from(bytes).toString("hex").toUpperCase();
  return Buffer.from(bytes).toString("latin1");
}

/**
 * A server id as printed on the meter (DIN 43863-5): `0A 01 45 4D 48 00 00 9F 38 46` is
 * "1EMH0010434246" (medium, manufacturer, fabrication block, serial); other forms in hex.
 */
export function smlServerId(bytes: Uint8Array): string | null {
  if (bytes.every((b) => b === 0)) return null;
  if (bytes.length === 10 && (bytes[0] === 0x09 || bytes[0] === 0x0a) && /^[A-Z]{3}$/.test(Buffer.from(bytes.subarray(2, 5)).toString("latin1"))) {
    const serial = ((bytes[6]! << 24) >>> 0) + (bytes[7]! << 16) + (bytes[8]! << 8) + bytes[9]!;
    return `${bytes[1]!.toString(16)}${Buffer.from(bytes.subarray(2, 5)).toString("latin1")}${bytes[5]!.toString().padStart(2, "0")}${serial.toString().padStart(8, "0")}`;
  }
  return text(bytes);
}

/** SML_Time: a seconds index (no clock), a UTC timestamp, or a local timestamp with its offsets. */
function smlTime(v: SmlValue | undefined): Date | null {
  if (v?.type !== "list" || v.items.length !== 2) return null;
  const [tag, value] = v.items;
  if (integer(tag) === 2 && value?.type === "integer") return new Date(value.value * 1000);
  if (integer(tag) === 3 && value?.type === "list" && value.items.length === 3) {
    const [seconds = null, local, season] = value.items.map(integer);
    return seconds === null ? null : new Date((seconds - ((local ?? 0) + (season ?? 0)) * 60) * 1000);
  }
  return null;
}

function entryValue(entry: SmlValue): ObisValue | null {
  if (entry.type !== "list" || entry.items.length !== 7) throw decodeError("FORMAT", "SML list entry is not a list of seven");
  const [name, status, valTime, unit, scaler, value] = entry.items.map(field);
  if (name?.type !== "octets" || name.value.length !== 6) throw decodeError("FORMAT", "SML list entry without an OBIS code");
  const code = canonicalObis(name.value)!;
  const extra = { ...(integer(status) !== null ? { status: integer(status)! } : {}), ...(smlTime(valTime) ? { timestamp: smlTime(valTime) } : {}) };
  if (!value) return null;
  if (value.type === "integer") {
    const exponent = integer(scaler) ?? 0;
    return { obis: code, value: Number((value.value * 10 ** exponent).toPrecision(15)), unit: integer(unit) === null ? null : cosemUnitName(integer(unit)!), ...extra };
  }
  if (value.type === "boolean") return { obis: code, value: value.value ? 1 : 0, unit: null, ...extra };
  if (value.type === "octets") return { obis: code, value: (SERVER_ID_CODES.includes(code) ? smlServerId(value.value) : null) ?? text(value.value), unit: null, ...extra };
  return null;
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
  const messages = parseSmlFile(file, options);
  const list = messages.find((m) => m.tag === GET_LIST_RESPONSE);
  if (!list) throw decodeError("UNSUPPORTED", `SML file without a GetList response (messages 0x${messages.map((m) => m.tag.toString(16).padStart(4, "0")).join(", 0x")})`);
  if (list.body.type !== "list" || list.body.items.length < 5) throw decodeError("FORMAT", "SML GetList response malformed");
  const [, serverId, , sensorTime, valList] = list.body.items.map(field);
  if (valList?.type !== "list") throw decodeError("FORMAT", "SML GetList response without a value list");
  const objects = valList.items.flatMap((e) => entryValue(e) ?? []);
  const { fields, registers } = normaliseObisValues(objects, "si");
  const manufacturer = objects.find((o) => o.obis === MANUFACTURER);
  const idValue = objects.find((o) => SERVER_ID_CODES.includes(o.obis) && typeof o.value === "string");
  return {
    protocol: "sml",
    meterId: (serverId?.type === "octets" ? smlServerId(serverId.value) : null) ?? (idValue ? String(idValue.value) : null),
    timestamp: smlTime(sensorTime) ?? objects.find((o) => o.timestamp)?.timestamp ?? null,
    fields,
    registers,
    mbus: [],
    objects,
    checksum: "valid",
    ...(manufacturer ? { header: String(manufacturer.value) } : {}),
  };
}
