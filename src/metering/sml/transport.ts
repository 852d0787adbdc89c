import { crc16Kermit, crc16X25 } from "../checksums";
import { decodeError } from "../errors";
import { BufferedFramer } from "../framer";

const ESCAPE = 0x1b1b1b1b;
const START = 0x01010101;
const MAX_FILE = 16_384;

/**
 * SML transport v1 files out of a byte stream (SML 1.04, part 3): `1B1B1B1B 01010101`, the file
 * in 4-byte steps where `1B1B1B1B` is doubled, then `1B1B1B1B 1A <pad> <CRC>`. The frame is kept
 * escaped, as its CRC covers it; a new start inside a file means the old one was cut.
 */
export class SmlFramer extends BufferedFramer {
  constructor() {
    super(MAX_FILE);
  }

  protected extract(): Uint8Array | null {
    for (;;) {
      const start = this.findStart(0);
      if (start < 0) {
        // Keep a possible start sequence split across chunks.
        this.skip(Math.max(0, this.buffer.length - 7));
        return null;
      }
      if (start > 0) this.skip(start);
      for (let at = 8; ; at += 4) {
        if (at + 8 > this.buffer.length) return null;
        if (this.buffer.readUInt32BE(at) !== ESCAPE) continue;
        const next = this.buffer.readUInt32BE(at + 4);
        if (next === ESCAPE) {
          at += 4;
          continue;
        }
        if (this.buffer[at + 4] === 0x1a) return this.take(at + 8);
        // A start sequence (or anything else escaped) before the end: the file was cut.
        this.skip(next === START ? at : at + 4);
        break;
      }
    }
  }

  private findStart(from: number): number {
    for (let i = this.buffer.indexOf(0x1b, from); i >= 0 && i + 8 <= this.buffer.length; i = this.buffer.indexOf(0x1b, i + 1)) {
      if (this.buffer.readUInt32BE(i) === ESCAPE && this.buffer.readUInt32BE(i + 4) === START) return i;
    }
    return -1;
  }
}

/**
 * Checks a transport frame's CRC (CRC-16/X-25 over everything before it, low byte first; Holley
 * DTZ541 meters send CRC-16/KERMIT high byte first, as libsml also accepts) and returns the SML
 * file inside, escapes undone. Padding zeros stay: the message reader skips them.
 */
export function unwrapSmlTransport(frame: Uint8Array): Uint8Array {
  const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (buf.length < 16 || buf.readUInt32BE(0) !== ESCAPE || buf.readUInt32BE(4) !== START)
    throw decodeError("FORMAT", "not an SML transport frame (1B1B1B1B 01010101)");
  const end = buf.length - 8;
  if (buf.readUInt32BE(end) !== ESCAPE || buf[end + 4] !== 0x1a) throw decodeError("TRUNCATED", "SML transport frame has no end sequence");
  const expected = crc16X25(buf, 0, buf.length - 2);
  const sent = buf[buf.length - 2]! | (buf[buf.length - 1]! << 8);
  if (expected !== sent && crc16Kermit(buf, 0, buf.length - 2) !== buf.readUInt16BE(buf.length - 2)) {
    throw decodeError(
      "CHECKSUM",
      `SML transport CRC ${buf.subarray(-2).toString("hex")} does not match the frame (${(expected & 0xff).toString(16).padStart(2, "0")}${(expected >> 8).toString(16).padStart(2, "0")})`,
    );
  }
  const parts: Buffer[] = [];
  let from = 8;
  for (let at = buf.indexOf(0x1b, 8); at >= 0 && at < end; at = buf.indexOf(0x1b, at + 1)) {
    if (at % 4 !== 0 || buf.readUInt32BE(at) !== ESCAPE) continue;
    // Doubled escape: keep one.
    parts.push(buf.subarray(from, at + 4));
    at += 4;
    from = at + 4;
  }
  if (!parts.length) return buf.subarray(8, end);
  parts.push(buf.subarray(from, end));
  return Buffer.concat(parts);
}
