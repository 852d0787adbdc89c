import { decodeError } from "../errors";
import { berLength } from "./cipher";

/** A decoded A-XDR value (DLMS "Data" CHOICE). */
export type DlmsData =
  | { type: "null" }
  | { type: "array" | "structure"; items: DlmsData[] }
  | { type: "boolean"; value: boolean }
  | { type: "octet-string"; value: Uint8Array }
  | { type: "visible-string" | "utf8-string"; value: string }
  | { type: "integer"; value: number; tag: number }
  | { type: "float"; value: number }
  | { type: "enum"; value: number };

const MAX_DEPTH = 16;
const MAX_ITEMS = 10_000;

/** Decodes one A-XDR value at `offset`; returns it and the offset after it. */
export function decodeAxdr(bytes: Uint8Array, offset: number, depth = 0): { data: DlmsData; next: number } {
  if (depth > MAX_DEPTH) throw decodeError("FORMAT", "data nested too deep");
  const tag = bytes[offset];
  if (tag === undefined) throw decodeError("TRUNCATED", "data value missing");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (n: number) => {
    if (offset + 1 + n > bytes.length) throw decodeError("TRUNCATED", `data value (tag ${tag}) cut`);
  };
  const int = (n: number, read: (at: number) => number | bigint) => {
    need(n);
    return { data: { type: "integer" as const, value: Number(read(offset + 1)), tag }, next: offset + 1 + n };
  };
  switch (tag) {
    case 0x00:
      return { data: { type: "null" }, next: offset + 1 };
    case 0x01:
    case 0x02: {
      const { length: count, size } = berLength(bytes, offset + 1);
      if (count > MAX_ITEMS) throw decodeError("FORMAT", `${count} elements is more than a meter sends`);
      const items: DlmsData[] = [];
      let next = offset + 1 + size;
      for (let i = 0; i < count; i++) {
        const item = decodeAxdr(bytes, next, depth + 1);
        items.push(item.data);
        next = item.next;
      }
      return { data: { type: tag === 0x01 ? "array" : "structure", items }, next };
    }
    case 0x03:
      need(1);
      return { data: { type: "boolean", value: bytes[offset + 1] !== 0 }, next: offset + 2 };
    case 0x09:
    case 0x0a:
    case 0x0c: {
      const { length, size } = berLength(bytes, offset + 1);
      const start = offset + 1 + size;
      if (start + length > bytes.length) throw decodeError("TRUNCATED", "string cut");
      const raw = bytes.subarray(start, start + length);
      const data: DlmsData =
        tag === 0x09 ? { type: "octet-string", value: raw } : { type: tag === 0x0a ? "visible-string" : "utf8-string", value: Buffer.from(raw).toString(tag === 0x0a ? "latin1" : "utf8") };
      return { data, next: start + length };
    }
    case 0x05:
      return int(4, (at) => view.getInt32(at));
    case 0x06:
      return int(4, (at) => view.getUint32(at));
    case 0x0f:
      return int(1, (at) => view.getInt8(at));
    case 0x10:
      return int(2, (at) => view.getInt16(at));
    case 0x11:
      return int(1, (at) => view.getUint8(at));
    case 0x12:
      return int(2, (at) => view.getUint16(at));
    case 0x14:
      return int(8, (at) => view.getBigInt64(at));
    case 0x15:
      return int(8, (at) => view.getBigUint64(at));
    case 0x16:
      need(1);
      return { data: { type: "enum", value: bytes[offset + 1]! }, next: offset + 2 };
    case 0x17:
      need(4);
      return { data: { type: "float", value: view.getFloat32(offset + 1) }, next: offset + 5 };
    case 0x18:
      need(8);
      return { data: { type: "float", value: view.getFloat64(offset + 1) }, next: offset + 9 };
    case 0x19:
      need(12);
      return { data: { type: "octet-string", value: bytes.subarray(offset + 1, offset + 13) }, next: offset + 13 };
    default:
      throw decodeError("UNSUPPORTED", `data type tag ${tag}`);
  }
}

/** A COSEM date-time (12 bytes); null when unspecified or malformed. Deviation is minutes from UTC, reversed sign. */
export function cosemDateTime(bytes: Uint8Array): Date | null {
  if (bytes.length !== 12) return null;
  const year = (bytes[0]! << 8) | bytes[1]!;
  const [month, day, , hour, minute, second] = [bytes[2]!, bytes[3]!, bytes[4]!, bytes[5]!, bytes[6]!, bytes[7]!];
  if (year === 0xffff || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const deviation = (bytes[9]! << 24) >> 16 | bytes[10]!;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  // Deviation 0x8000 = not specified: the meter's clock is taken as UTC.
  return new Date(deviation === -32768 ? local : local + deviation * 60_000);
}
