import { mbusChecksum } from "../checksums";
import { decodeError } from "../errors";
import { BufferedFramer } from "../framer";

/** M-Bus long frames (`68 L L 68 C A CI … CS 16`) out of a byte stream. */
export class MbusFramer extends BufferedFramer {
  constructor() {
    super(600);
  }

  protected extract(): Uint8Array | null {
    for (;;) {
      if (!this.seekSync(0x68)) return null;
      if (this.buffer.length < 4) return null;
      const length = this.buffer[1]!;
      if (this.buffer[2] !== length || this.buffer[3] !== 0x68 || length < 3) {
        this.skip(1);
        continue;
      }
      if (this.buffer.length < length + 6) return null;
      if (this.buffer[length + 5] !== 0x16) {
        this.skip(1);
        continue;
      }
      return this.take(length + 6);
    }
  }
}

export type MbusSegment = { last: boolean; sequence: number; data: Uint8Array };

/**
 * One long frame carrying a DLMS segment: checksum checked; CI 0x00–0x0F is a segment with more to
 * come, 0x10–0x1F the last (low nibble = sequence); the two transport bytes after CI are skipped.
 */
export function parseMbusFrame(frame: Uint8Array): MbusSegment {
  if (frame.length < 9) throw decodeError("TRUNCATED", "M-Bus frame too short");
  const length = frame[1]!;
  if (frame[0] !== 0x68 || frame[3] !== 0x68 || frame[2] !== length) throw decodeError("FORMAT", "not an M-Bus long frame");
  if (frame.length !== length + 6) throw decodeError("TRUNCATED", `M-Bus frame declares ${length} bytes, has ${frame.length - 6}`);
  if (frame[length + 5] !== 0x16) throw decodeError("FORMAT", "M-Bus stop byte missing");
  if (mbusChecksum(frame, 4, 4 + length) !== frame[4 + length]) throw decodeError("CHECKSUM", "M-Bus checksum does not match");
  const ci = frame[6]!;
  if (ci > 0x1f) throw decodeError("UNSUPPORTED", `M-Bus CI 0x${ci.toString(16)} does not carry DLMS`);
  return { last: (ci & 0x10) !== 0, sequence: ci & 0x0f, data: frame.subarray(9, 4 + length) };
}
