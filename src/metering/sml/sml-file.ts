import { crc16Kermit, crc16X25 } from "../checksums";
import { decodeError } from "../errors";

/**
 * An SML value (SML 1.04, part 1, 6.2), typed by its TL field and held as the JavaScript value
 * itself (no wrapper object per element: a file has a hundred of them): octet string, integer,
 * boolean, list, or the end-of-message mark.
 */
export type SmlValue = SmlOctets | number | boolean | SmlValue[] | typeof SML_END;
export const SML_END = Symbol("end of SML message");

/** An octet string, as a place in the file: a typed-array view per string would cost more than the rest of the parse. */
export class SmlOctets {
  constructor(
    readonly file: Uint8Array,
    readonly start: number,
    readonly length: number,
  ) {}

  at(index: number): number {
    return this.file[this.start + index]!;
  }
}

/** "Not set", the commonest value of a file (every optional field): one shared instance. */
const NO_OCTETS = new SmlOctets(new Uint8Array(0), 0, 0);

const MAX_DEPTH = 12;
const MAX_ELEMENTS = 20_000;

/** A cursor over one SML file: TL fields, then lists, octet strings, integers and booleans. */
class SmlReader {
  at = 0;
  private elements = 0;

  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    // A plain view: a Buffer's subarray costs a Buffer object per octet string.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  read(depth = 0): SmlValue {
    if (depth > MAX_DEPTH) throw decodeError("FORMAT", "SML lists nested too deep");
    if (++this.elements > MAX_ELEMENTS) throw decodeError("FORMAT", "more SML elements than a meter sends");
    const start = this.at;
    const bytes = this.bytes;
    const first = bytes[start];
    if (first === undefined) throw decodeError("TRUNCATED", "SML value missing");
    if (first === 0x00) {
      this.at++;
      return SML_END;
    }
    // Type-length field: type in bits 6-4, length nibbles over as many bytes as bit 7 says.
    const type = (first >> 4) & 0x07;
    let length = first & 0x0f;
    let size = 1;
    for (let byte = first; byte & 0x80; size++) {
      byte = bytes[start + size] ?? -1;
      if (byte < 0) throw decodeError("TRUNCATED", "SML type-length field cut");
      if (byte & 0x70) throw decodeError("FORMAT", "SML type-length continuation malformed");
      if (size >= 4) throw decodeError("FORMAT", "SML type-length field too long");
      length = (length << 4) | (byte & 0x0f);
    }
    this.at += size;
    if (type === 0x07) {
      if (length > this.bytes.length - this.at)
        throw decodeError("TRUNCATED", `SML list of ${length} declared at byte ${start}, ${this.bytes.length - this.at} bytes left`);
      const items = new Array<SmlValue>(length);
      for (let i = 0; i < length; i++) items[i] = this.read(depth + 1);
      return items;
    }
    // Other types count their TL bytes in their length.
    const data = length - size;
    if (data < 0) throw decodeError("FORMAT", `SML length ${length} shorter than its own type-length field at byte ${start}`);
    const from = this.at;
    if (from + data > this.bytes.length) throw decodeError("TRUNCATED", `SML value at byte ${start} cut`);
    this.at += data;
    switch (type) {
      case 0x00:
        return data === 0 ? NO_OCTETS : new SmlOctets(this.bytes, from, data);
      case 0x04:
        if (data !== 1) throw decodeError("FORMAT", `SML boolean of ${data} bytes`);
        return this.bytes[from] !== 0;
      case 0x05:
      case 0x06: {
        if (data > 8) throw decodeError("FORMAT", `SML integer of ${data} bytes`);
        let v = 0;
        for (let i = from; i < from + data; i++) v = v * 256 + this.bytes[i]!;
        if (type === 0x05 && data && this.bytes[from]! & 0x80) v -= 2 ** (8 * data);
        return v;
      }
      default:
        throw decodeError("FORMAT", `SML type 0x${type.toString(16)} at byte ${start}`);
    }
  }
}

/**
 * How the element `skip` elements after an octet string was encoded: its TL type and data length
 * (-1 for a multi-byte TL). A number no longer says how many bytes it was sent in.
 */
export function encodingAfter(octets: SmlOctets, skip: number): { type: number; bytes: number } {
  const reader = new SmlReader(octets.file);
  reader.at = octets.start + octets.length;
  for (let i = 0; i < skip; i++) reader.read(1);
  const tl = octets.file[reader.at] ?? 0x80;
  return { type: (tl >> 4) & 0x07, bytes: tl & 0x80 ? -1 : (tl & 0x0f) - 1 };
}

/** A message's CRC field: the X.25 CRC's bytes low first, read as a big-endian number (KERMIT as is). */
function checkMessageCrc(file: Uint8Array, start: number, crcStart: number, crc: number) {
  const x25 = crc16X25(file, start, crcStart);
  const expected = ((x25 & 0xff) << 8) | (x25 >> 8);
  if (crc !== expected && crc !== crc16Kermit(file, start, crcStart))
    throw decodeError(
      "CHECKSUM",
      `SML message CRC ${crc.toString(16).padStart(4, "0")} does not match the message (${expected.toString(16).padStart(4, "0")})`,
    );
}

export type SmlMessage = { transactionId: SmlOctets; tag: number; body: SmlValue };

/**
 * The messages of an SML file. Each message's own CRC (CRC-16/X-25 over the message up to its CRC
 * field) is checked when nothing else vouches for the bytes; inside a transport frame whose CRC
 * matched it is redundant, and some meters (EBZ DD3) fill it wrongly, so it is not required there.
 */
export function parseSmlFile(file: Uint8Array, options: { transportVerified: boolean }): SmlMessage[] {
  const reader = new SmlReader(file);
  const messages: SmlMessage[] = [];
  while (reader.at < file.length) {
    if (file[reader.at] === 0x00) {
      reader.at++; // padding
      continue;
    }
    const start = reader.at;
    if (file[start] !== 0x76) throw decodeError("FORMAT", `SML message at byte ${start} is not a list of six (0x${file[start]!.toString(16)})`);
    reader.at++;
    const transactionId = reader.read(1);
    reader.read(1); // group number
    reader.read(1); // abort on error
    const body = reader.read(1);
    const crcStart = reader.at;
    const crc = reader.read(1);
    const end = reader.read(1);
    if (
      !(transactionId instanceof SmlOctets) ||
      !Array.isArray(body) ||
      body.length !== 2 ||
      typeof body[0] !== "number" ||
      typeof crc !== "number" ||
      end !== SML_END
    ) {
      throw decodeError("FORMAT", `SML message at byte ${start} malformed`);
    }
    if (!options.transportVerified) checkMessageCrc(file, start, crcStart, crc);
    messages.push({ transactionId, tag: body[0] as number, body: body[1]! });
  }
  if (!messages.length) throw decodeError("FORMAT", "SML file holds no message");
  return messages;
}
