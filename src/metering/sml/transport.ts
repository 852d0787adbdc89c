import { crc16Kermit, crc16X25 } from "../checksums";
import { decodeError } from "../errors";
import { BufferedFramer } from "../framer";
import { MAX_SML_FILE } from "./sml-file";

const ESCAPE = 0x1b1b1b1b;
const START = 0x01010101;

/**
 * SML transport v1 files out of a byte stream (SML 1.04, part 3): `1B1B1B1B 01010101`, the file
 * in 4-byte steps where `1B1B1B1B` is doubled, then `1B1B1B1B 1A <pad> <CRC>`. The frame is kept
 * escaped, as its CRC covers it; a new start inside a file means the old one was cut.
 */
export class SmlFramer extends BufferedFramer {
  constructor() {
    super(MAX_SML_FILE);
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
  // Plain byte reads: this runs on every frame, and Buffer's accessors cost more than the CRC.
  const length = frame.length;
  if (length < 16 || word(frame, 0) !== ESCAPE || word(frame, 4) !== START) throw decodeError("FORMAT", "not an SML transport frame (1B1B1B1B 01010101)");
  const end = length - 8;
  if (word(frame, end) !== ESCAPE || frame[end + 4] !== 0x1a) throw decodeError("TRUNCATED", "SML transport frame has no end sequence");
  const expected = crc16X25(frame, 0, length - 2);
  const sent = frame[length - 2]! | (frame[length - 1]! << 8);
  if (expected !== sent && crc16Kermit(frame, 0, length - 2) !== ((frame[length - 2]! << 8) | frame[length - 1]!)) {
    const hex = (n: number) => n.toString(16).padStart(2, "0");
    throw decodeError(
      "CHECKSUM",
      `SML transport CRC ${hex(frame[length - 2]!)}${hex(frame[length - 1]!)} does not match the frame (${hex(expected & 0xff)}${hex(expected >> 8)})`,
    );
  }
  // Escapes sit on 4-byte steps; a doubled one stands for one 1B1B1B1B of the file.
  const doubled: number[] = [];
  for (let at = 8; at < end; at += 4) {
    if (frame[at] !== 0x1b || word(frame, at) !== ESCAPE) continue;
    doubled.push(at);
    at += 4;
  }
  // A plain view, not a Buffer: the reader makes one of anything else.
  if (!doubled.length) return new Uint8Array(frame.buffer, frame.byteOffset + 8, end - 8);
  const file = new Uint8Array(end - 8 - 4 * doubled.length);
  let from = 8;
  let to = 0;
  for (const at of doubled) {
    file.set(frame.subarray(from, at + 4), to);
    to += at + 4 - from;
    from = at + 8;
  }
  file.set(frame.subarray(from, end), to);
  return file;
}

const word = (bytes: Uint8Array, at: number) => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
