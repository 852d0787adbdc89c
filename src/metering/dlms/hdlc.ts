import { crc16X25 } from "../checksums";
import { decodeError } from "../errors";
import { BufferedFramer } from "../framer";

const MAX_FRAME = 2_100;

/** HDLC frames (IEC 62056-46, frame format type 3) out of a byte stream, flags included. */
export class HdlcFramer extends BufferedFramer {
  constructor() {
    super(MAX_FRAME * 2);
  }

  protected extract(): Uint8Array | null {
    for (;;) {
      if (!this.seekSync(0x7e)) return null;
      if (this.buffer.length < 3) return null;
      // Frames may share a flag: "7E … 7E 7E …" or "7E … 7E …".
      if (this.buffer[1] === 0x7e) {
        this.skip(1);
        continue;
      }
      if ((this.buffer[1]! & 0xf0) !== 0xa0) {
        this.skip(1);
        continue;
      }
      const length = ((this.buffer[1]! & 0x07) << 8) | this.buffer[2]!;
      if (length < 7) {
        this.skip(1);
        continue;
      }
      if (this.buffer.length < length + 2) return null;
      if (this.buffer[length + 1] !== 0x7e) {
        this.skip(1);
        continue;
      }
      return this.take(length + 2);
    }
  }
}

export type HdlcFrame = { segmented: boolean; destination: number; source: number; control: number; info: Uint8Array };

function address(bytes: Uint8Array, offset: number, end: number): { value: number; next: number } {
  let value = 0;
  for (let i = offset; i < Math.min(end, offset + 4); i++) {
    value = value * 128 + (bytes[i]! >> 1);
    if (bytes[i]! & 1) return { value, next: i + 1 };
  }
  throw decodeError("FORMAT", "HDLC address has no end bit");
}

/** Checks HCS and FCS (CRC-16/X-25, little-endian) and returns the frame's parts. */
export function parseHdlcFrame(frame: Uint8Array): HdlcFrame {
  if (frame.length < 9 || frame[0] !== 0x7e || frame.at(-1) !== 0x7e) throw decodeError(frame.length < 9 ? "TRUNCATED" : "FORMAT", "not a flagged HDLC frame");
  const format = (frame[1]! << 8) | frame[2]!;
  if (format >> 12 !== 0xa) throw decodeError("FORMAT", "HDLC frame format is not type 3");
  const length = format & 0x7ff;
  if (length + 2 !== frame.length) throw decodeError("TRUNCATED", `HDLC frame declares ${length} bytes, has ${frame.length - 2}`);
  const end = frame.length - 1;
  const fcs = frame[end - 2]! | (frame[end - 1]! << 8);
  if (crc16X25(frame, 1, end - 2) !== fcs) throw decodeError("CHECKSUM", "HDLC FCS does not match");
  const dest = address(frame, 3, end);
  const src = address(frame, dest.next, end);
  const control = frame[src.next]!;
  let info: Uint8Array = new Uint8Array(0);
  const headerEnd = src.next + 1;
  if (headerEnd < end - 2) {
    const hcs = frame[headerEnd]! | (frame[headerEnd + 1]! << 8);
    if (crc16X25(frame, 1, headerEnd) !== hcs) throw decodeError("CHECKSUM", "HDLC HCS does not match");
    info = frame.subarray(headerEnd + 2, end - 2);
  }
  return { segmented: (format & 0x0800) !== 0, destination: dest.value, source: src.value, control, info };
}

/** The LLC header of a DLMS information field (E6 E7 00 from the meter, E6 E6 00 from a client). */
export function stripLlc(info: Uint8Array): Uint8Array {
  return info[0] === 0xe6 && (info[1] === 0xe7 || info[1] === 0xe6) && info[2] === 0x00 ? info.subarray(3) : info;
}
