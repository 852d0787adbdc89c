import { DlmsPushDecoder } from "./dlms/push-decoder";
import type { CipherKeys } from "./dlms/cipher";
import { DsmrFramer } from "./dsmr/framer";
import { decodeEncryptedP1, EncryptedP1Framer } from "./dsmr/encrypted";
import { parseDsmrTelegram } from "./dsmr/parse-telegram";
import { decodeError, MeterDecodeError } from "./errors";
import { decodeIec62056Readout } from "./iec62056-21/data-block";
import type { DecodedFrame } from "./reading";

export type CaptureProtocol = "auto" | "iec62056-21" | "dsmr" | "dlms";
export type CaptureResult = { frame: DecodedFrame } | { error: MeterDecodeError };

/** Which decoder a capture needs, from its first meaningful byte. */
export function detectProtocol(bytes: Uint8Array): Exclude<CaptureProtocol, "auto"> | "p1-encrypted" | "dlms-mbus" {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = buf.findIndex((b) => b === 0x2f || b === 0x7e || b === 0x68 || b === 0xdb);
  const lead = first >= 0 ? buf[first] : undefined;
  if (lead === 0x7e) return "dlms";
  if (lead === 0x68) return "dlms-mbus";
  if (lead === 0xdb) return "p1-encrypted";
  // A readout's data block starts with STX on a line of its own (a DSMR header may hold a stray 0x02).
  return buf.includes("\n\x02", 0, "latin1") ? "iec62056-21" : "dsmr";
}

const attempt = (decode: () => DecodedFrame): CaptureResult => {
  try {
    return { frame: decode() };
  } catch (err) {
    if (err instanceof MeterDecodeError) return { error: err };
    throw err;
  }
};

/** Every frame of a capture file, decoded, or the typed error of each bad one. */
export function decodeCapture(bytes: Uint8Array, options: { protocol?: CaptureProtocol; keys?: CipherKeys; lenient?: boolean; lastFrameCounter?: number | null } = {}): CaptureResult[] {
  const detected = detectProtocol(bytes);
  const protocol = !options.protocol || options.protocol === "auto" ? detected : options.protocol === "dlms" && detected === "dlms-mbus" ? "dlms-mbus" : options.protocol === "dsmr" && detected === "p1-encrypted" ? "p1-encrypted" : options.protocol;
  const keys = options.keys ?? {};
  switch (protocol) {
    case "iec62056-21":
      return [attempt(() => decodeIec62056Readout(bytes, { allowMissingBcc: options.lenient }))];
    case "dsmr": {
      const frames = new DsmrFramer().push(bytes);
      return frames.length ? frames.map((f) => attempt(() => parseDsmrTelegram(f, { ignoreCrc: options.lenient }))) : [{ error: decodeError("FORMAT", "no DSMR telegram found") }];
    }
    case "p1-encrypted": {
      const frames = new EncryptedP1Framer().push(bytes);
      let last: number | null = options.lastFrameCounter ?? null;
      return frames.map((f) =>
        attempt(() => {
          const frame = decodeEncryptedP1(f, keys, { ignoreCrc: options.lenient, lastFrameCounter: last });
          last = frame.frameCounter ?? last;
          return frame;
        }),
      );
    }
    case "dlms":
    case "dlms-mbus": {
      const decoder = new DlmsPushDecoder(protocol === "dlms" ? "hdlc" : "mbus", keys);
      decoder.lastFrameCounter = options.lastFrameCounter ?? null;
      const results = decoder.push(bytes);
      return results.length ? results : [{ error: decodeError("TRUNCATED", "no complete DLMS push found") }];
    }
  }
}
