import { decodeError } from "../errors";

/** A decoded A-XDR value (DLMS "Data" CHOICE). */
export type DlmsData =
  | { type: "null" }
  | { type: "array" | "structure"; items: DlmsData[] }
  | { type: "boolean"; value: boolean }
  | { type: "octet-string"; value: Uint8Array }
  | { type: "visible-string" | "utf8-string"; value: string }
  | { type: "integer"; value: number; tag: number }
  | { type: "float"; value: number }
  | { type: "enum"; value: number }
  | { type: "bit-string"; value: Uint8Array; bits: number };

const MAX_DEPTH = 16;
/** Elements in one notification, all levels together: far more than any push list. */
const MAX_ELEMENTS = 65_536;

const NULL: DlmsData = { type: "null" };
const scratch = new DataView(new ArrayBuffer(8));

/**
 * One pass over the bytes with a cursor shared by the recursion: no closure, view or slice is
 * made per element, so a 10,000-element push costs little more than its allocations.
 */
class AxdrReader {
  at: number;
  elements = 0;

  constructor(
    readonly bytes: Uint8Array,
    offset: number,
  ) {
    this.at = offset;
  }

  private need(n: number, what: string) {
    if (this.at + n > this.bytes.length) throw decodeError("TRUNCATED", `${what} cut at byte ${this.at}`);
  }

  private length(): number {
    this.need(1, "length");
    const first = this.bytes[this.at++]!;
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 3) throw decodeError("FORMAT", `unsupported length encoding 0x${first.toString(16)}`);
    this.need(count, "length");
    let length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + this.bytes[this.at++]!;
    return length;
  }

  private unsigned(n: number): number {
    this.need(n, "integer");
    const b = this.bytes;
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + b[this.at++]!;
    return v;
  }

  private signed(n: number): number {
    const v = this.unsigned(n);
    const half = 2 ** (8 * n - 1);
    return v >= half ? v - 2 * half : v;
  }

  private float(n: 4 | 8): number {
    this.need(n, "float");
    for (let i = 0; i < n; i++) scratch.setUint8(i, this.bytes[this.at++]!);
    return n === 4 ? scratch.getFloat32(0) : scratch.getFloat64(0);
  }

  private take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const value = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return value;
  }

  read(depth: number): DlmsData {
    if (depth > MAX_DEPTH) throw decodeError("FORMAT", "data nested too deep");
    if (++this.elements > MAX_ELEMENTS) throw decodeError("FORMAT", `more than ${MAX_ELEMENTS} data elements`);
    this.need(1, "data value");
    const tag = this.bytes[this.at++]!;
    switch (tag) {
      case 0x00:
        return NULL;
      case 0x01:
      case 0x02: {
        const count = this.length();
        // Each element takes at least one byte: a larger count is a lie, not a big push.
        if (count > this.bytes.length - this.at) throw decodeError("TRUNCATED", `${count} elements declared, ${this.bytes.length - this.at} bytes left`);
        const items = new Array<DlmsData>(count);
        for (let i = 0; i < count; i++) items[i] = this.read(depth + 1);
        return { type: tag === 0x01 ? "array" : "structure", items };
      }
      case 0x03:
        return { type: "boolean", value: this.unsigned(1) !== 0 };
      case 0x04: {
        const bits = this.length();
        return { type: "bit-string", value: this.take(Math.ceil(bits / 8), "bit string"), bits };
      }
      case 0x09:
        return { type: "octet-string", value: this.take(this.length(), "octet string") };
      case 0x0a:
      case 0x0c: {
        const raw = this.take(this.length(), "string");
        return {
          type: tag === 0x0a ? "visible-string" : "utf8-string",
          value: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString(tag === 0x0a ? "latin1" : "utf8"),
        };
      }
      case 0x05:
        return { type: "integer", value: this.signed(4), tag };
      case 0x06:
        return { type: "integer", value: this.unsigned(4), tag };
      case 0x0f:
        return { type: "integer", value: this.signed(1), tag };
      case 0x10:
        return { type: "integer", value: this.signed(2), tag };
      case 0x11:
        return { type: "integer", value: this.unsigned(1), tag };
      case 0x12:
        return { type: "integer", value: this.unsigned(2), tag };
      case 0x14:
        return { type: "integer", value: this.signed(8), tag };
      case 0x15:
        return { type: "integer", value: this.unsigned(8), tag };
      case 0x16:
        return { type: "enum", value: this.unsigned(1) };
      case 0x17:
        return { type: "float", value: this.float(4) };
      case 0x18:
        return { type: "float", value: this.float(8) };
      case 0x19:
        return { type: "octet-string", value: this.take(12, "date-time") };
      case 0x1a:
        return { type: "octet-string", value: this.take(5, "date") };
      case 0x1b:
        return { type: "octet-string", value: this.take(4, "time") };
      default:
        throw decodeError("UNSUPPORTED", `data type tag ${tag} at byte ${this.at - 1}`);
    }
  }
}

/** Decodes one A-XDR value at `offset`; returns it and the offset after it. */
export function decodeAxdr(bytes: Uint8Array, offset: number): { data: DlmsData; next: number } {
  const reader = new AxdrReader(bytes, offset);
  const data = reader.read(0);
  return { data, next: reader.at };
}

/**
 * A COSEM date-time (12 bytes); null when unspecified or malformed. The deviation is the minutes
 * to add to local time to get UTC (Blue Book); 0x8000 (not specified) leaves the clock as UTC.
 */
export function cosemDateTime(bytes: Uint8Array): Date | null {
  if (bytes.length !== 12) return null;
  const year = (bytes[0]! << 8) | bytes[1]!;
  const [month, day, , hour, minute, second] = [bytes[2]!, bytes[3]!, bytes[4]!, bytes[5]!, bytes[6]!, bytes[7]!];
  if (year === 0xffff || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const deviation = (((bytes[9]! << 24) >> 16) | bytes[10]!) as number;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(deviation === -32768 ? local : local + deviation * 60_000);
}
