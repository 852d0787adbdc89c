import { decodeError } from "../errors";
import { canonicalObis, normaliseObisValues, type ObisValue } from "../obis";
import type { DecodedFrame } from "../reading";
import { cosemDateTime, decodeAxdr, type DlmsData } from "./axdr";

/** DLMS unit enumeration (IEC 62056-62) for the units meters push. */
const unitNames: Record<number, string> = { 27: "W", 28: "VA", 29: "var", 30: "Wh", 31: "VAh", 32: "varh", 33: "A", 35: "V", 44: "Hz", 56: "%", 255: "" };

const isObis = (d: DlmsData): d is { type: "octet-string"; value: Uint8Array } => d.type === "octet-string" && d.value.length === 6;
const isScalerUnit = (d: DlmsData | undefined): d is { type: "structure"; items: DlmsData[] } =>
  d?.type === "structure" && d.items.length === 2 && d.items[0]!.type === "integer" && d.items[1]!.type === "enum";
const printable = (bytes: Uint8Array) => bytes.every((b) => b >= 0x20 && b < 0x7f);

function flatten(data: DlmsData, out: DlmsData[] = []): DlmsData[] {
  if ((data.type === "structure" || data.type === "array") && !isScalerUnit(data)) for (const item of data.items) flatten(item, out);
  else out.push(data);
  return out;
}

/**
 * The values of a push, whatever its layout: the E450's flat list (OBIS, value, OBIS, value…) or
 * structures of (OBIS, value, scaler-unit). A 12-byte octet string before any OBIS is the time.
 */
export function notificationValues(body: DlmsData): { values: ObisValue[]; timestamp: Date | null; identifier: string | null } {
  const items = flatten(body);
  const values: ObisValue[] = [];
  let timestamp: Date | null = null;
  let identifier: string | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.type === "octet-string" && item.value.length === 12 && !values.length && !timestamp) {
      timestamp = cosemDateTime(item.value);
      continue;
    }
    if (!isObis(item) || i + 1 >= items.length) {
      // A bare printable string among the values is the meter's number (Kaifa).
      if (item.type === "octet-string" && item.value.length && printable(item.value)) identifier ??= Buffer.from(item.value).toString("latin1");
      continue;
    }
    const obis = canonicalObis(item.value)!;
    const raw = items[++i]!;
    let value: number | string;
    if (raw.type === "integer" || raw.type === "float" || raw.type === "enum") value = raw.value;
    else if (raw.type === "octet-string" || raw.type === "visible-string" || raw.type === "utf8-string") {
      value = typeof raw.value === "string" ? raw.value : printable(raw.value) ? Buffer.from(raw.value).toString("latin1") : Buffer.from(raw.value).toString("hex");
    } else continue;
    let unit: string | null = null;
    const next = items[i + 1];
    if (isScalerUnit(next)) {
      i++;
      const scaler = (next.items[0] as { value: number }).value;
      unit = unitNames[(next.items[1] as { value: number }).value] ?? null;
      if (typeof value === "number") value = Number((value * 10 ** scaler).toPrecision(12));
    }
    values.push({ obis, value, unit });
  }
  return { values, timestamp, identifier };
}

/**
 * A DataNotification APDU (0x0F): long-invoke-id, optional date-time, then the body. Returns the
 * decoded frame with normalised fields (values without scaler-unit are in Wh, W, varh, var).
 */
export function parseDataNotification(apdu: Uint8Array): DecodedFrame {
  if (apdu[0] !== 0x0f) throw decodeError("FORMAT", `not a data-notification APDU (tag 0x${(apdu[0] ?? 0).toString(16)})`);
  if (apdu.length < 7) throw decodeError("TRUNCATED", "data-notification header cut");
  let offset = 5;
  let timestamp: Date | null = null;
  if (apdu[offset] === 0x0c) {
    if (apdu.length < offset + 13) throw decodeError("TRUNCATED", "date-time cut");
    timestamp = cosemDateTime(apdu.subarray(offset + 1, offset + 13));
    offset += 13;
  } else if (apdu[offset] === 0x09 && apdu[offset + 1] === 0x0c) {
    timestamp = cosemDateTime(apdu.subarray(offset + 2, offset + 14));
    offset += 14;
  } else if (apdu[offset] === 0x00) offset += 1;
  else throw decodeError("FORMAT", "data-notification date-time malformed");
  const { data } = decodeAxdr(apdu, offset);
  const found = notificationValues(data);
  const meterIdValue = found.values.find((v) => v.obis === "0-0:96.1.0" || v.obis === "0-0:96.1.1" || v.obis === "0-0:42.0.0");
  const { fields, registers } = normaliseObisValues(found.values, "si");
  return {
    protocol: "dlms",
    meterId: meterIdValue ? String(meterIdValue.value) : found.identifier,
    timestamp: timestamp ?? found.timestamp,
    fields,
    registers,
    mbus: [],
    objects: found.values,
    checksum: "valid",
  };
}
