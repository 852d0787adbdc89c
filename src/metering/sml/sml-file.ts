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
/** The longest file a meter sends (its transport frame's limit): it also bounds the elements read, each being at least a byte. */
export const MAX_SML_FILE = 16_384;
/** What `element` does with an element. */
const READ = 0;
const SKIP = 1;
const OPEN = 2;
const OCTETS = 3;

/** A cursor over one SML file: TL fields, then lists, octet strings, integers and booleans. */
export class SmlReader {
  at = 0;

  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    // A plain view: a Buffer's subarray costs a Buffer object per octet string.
    this.bytes = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** One element, read: its value. */
  read(depth = 0): SmlValue {
    return this.element(depth, READ) as SmlValue;
  }

  /** Moves past one element, checked as `read` checks it, building nothing. */
  skip(depth = 0): void {
    this.element(depth, SKIP);
  }

  /** A list's item count (its items stay to be read), or -1 when the element is no list (it is passed). */
  list(depth = 0): number {
    return this.element(depth, OPEN) as number;
  }

  /** An octet string's length (its bytes end where the reader now is), or -1 for any other element (it is passed). */
  octets(depth = 0): number {
    return this.element(depth, OCTETS) as number;
  }

  /**
   * One element, read, skipped, (a list) opened or (an octet string) measured. One method for the three, so that each element
   * costs one call: this runs a hundred times a frame, and a call is a good part of its cost.
   */
  private element(depth: number, mode: number): SmlValue | number | undefined {
    if (depth > MAX_DEPTH) throw decodeError("FORMAT", "SML lists nested too deep");
    const start = this.at;
    const bytes = this.bytes;
    const first = bytes[start];
    if (first === undefined) throw decodeError("TRUNCATED", "SML value missing");
    if (first === 0x00) {
      this.at++;
      return mode === READ ? SML_END : mode === SKIP ? undefined : -1;
    }
    // Type in bits 6-4, length nibbles over as many bytes as bit 7 says.
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
    const from = start + size;
    if (type === 0x07) {
      if (length > bytes.length - from) throw decodeError("TRUNCATED", `SML list of ${length} declared at byte ${start}, ${bytes.length - from} bytes left`);
      this.at = from;
      if (mode === OPEN) return length;
      if (mode !== READ) {
        for (let i = 0; i < length; i++) this.element(depth + 1, SKIP);
        return mode === SKIP ? undefined : -1;
      }
      const items = new Array<SmlValue>(length);
      for (let i = 0; i < length; i++) items[i] = this.element(depth + 1, READ) as SmlValue;
      return items;
    }
    // Other types count their TL bytes in their length.
    const data = length - size;
    if (data < 0) throw decodeError("FORMAT", `SML length ${length} shorter than its own type-length field at byte ${start}`);
    if (from + data > bytes.length) throw decodeError("TRUNCATED", `SML value at byte ${start} cut`);
    this.at = from + data;
    switch (type) {
      case 0x00:
        if (mode === OCTETS) return data;
        if (mode !== READ) break;
        return data === 0 ? NO_OCTETS : new SmlOctets(bytes, from, data);
      case 0x04:
        if (data !== 1) throw decodeError("FORMAT", `SML boolean of ${data} bytes`);
        if (mode !== READ) break;
        return bytes[from] !== 0;
      case 0x05:
      case 0x06: {
        if (data > 8) throw decodeError("FORMAT", `SML integer of ${data} bytes`);
        if (mode !== READ) break;
        let v = 0;
        for (let i = from; i < from + data; i++) v = v * 256 + bytes[i]!;
        if (type === 0x05 && data && bytes[from]! & 0x80) v -= 2 ** (8 * data);
        return v;
      }
      default:
        throw decodeError("FORMAT", `SML type 0x${type.toString(16)} at byte ${start}`);
    }
    return mode === SKIP ? undefined : -1;
  }
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

const malformedMessage = (start: number) => decodeError("FORMAT", `SML message at byte ${start} malformed`);

export type SmlMessage<Body> = { tag: number; body: Body };

/**
 * The messages of an SML file, each body read by `readBody` (it reads exactly one element: what a
 * caller has no use for it can skip). Each message's own CRC (CRC-16/X-25 over the message up to
 * its CRC field) is checked when nothing else vouches for the bytes; inside a transport frame
 * whose CRC matched it is redundant, and some meters (EBZ DD3) fill it wrongly, so it is not
 * required there.
 */
export function parseSmlFile<Body>(
  file: Uint8Array,
  options: { transportVerified: boolean },
  readBody: (reader: SmlReader, tag: number) => Body,
): SmlMessage<Body>[] {
  if (file.length > MAX_SML_FILE) throw decodeError("FORMAT", `SML file of ${file.length} bytes, more than a meter sends (${MAX_SML_FILE})`);
  const reader = new SmlReader(file);
  const messages: SmlMessage<Body>[] = [];
  while (reader.at < file.length) {
    if (file[reader.at] === 0x00) {
      reader.at++; // padding
      continue;
    }
    const start = reader.at;
    if (file[start] !== 0x76) throw decodeError("FORMAT", `SML message at byte ${start} is not a list of six (0x${file[start]!.toString(16)})`);
    reader.at++;
    if (reader.octets(1) < 0) throw malformedMessage(start); // transaction id
    reader.skip(1); // group number
    reader.skip(1); // abort on error
    if (reader.list(1) !== 2) throw malformedMessage(start);
    const tag = reader.read(2);
    if (typeof tag !== "number") throw malformedMessage(start);
    const body = readBody(reader, tag);
    const crcStart = reader.at;
    const crc = reader.read(1);
    if (typeof crc !== "number" || reader.read(1) !== SML_END) throw malformedMessage(start);
    if (!options.transportVerified) checkMessageCrc(file, start, crcStart, crc);
    messages.push({ tag, body });
  }
  if (!messages.length) throw decodeError("FORMAT", "SML file holds no message");
  return messages;
}
