import { isAuthenticatedApdu, type CipherKeys } from "./dlms/cipher";
import type { DlmsProfileName } from "./dlms/profile-names";
import { stripLlc } from "./dlms/hdlc";
import { DlmsPushDecoder } from "./dlms/push-decoder";
import { attempt, type DecodeResult } from "./dsmr/p1-decoder";
import { decodeError } from "./errors";
import { decodeIec62056Readout } from "./iec62056-21/data-block";
import { decodeSmlFile } from "./sml/decode";
import { createStreamDecoder, type StreamProtocol } from "./stream-decoder";

export type CaptureProtocol = "auto" | "iec62056-21" | "dsmr" | "dlms" | "sml";
export type CaptureResult = DecodeResult;
type Detected = StreamProtocol | "iec62056-21" | "dlms-apdu";

const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/**
 * Where each kind of frame could start, checked beyond its first byte so that a capture starting
 * mid-telegram (an "h" of "kWh" is 0x68, M-Bus's start byte) is not taken for another protocol.
 */
const starts: [Detected, (b: Uint8Array, i: number) => boolean][] = [
  ["sml", (b, i) => b[i] === 0x1b && u32(b, i) === 0x1b1b1b1b && u32(b, i + 4) === 0x01010101],
  ["dlms-hdlc", (b, i) => b[i] === 0x7e && (b[i + 1]! & 0xf0) === 0xa0 && (((b[i + 1]! & 0x07) << 8) | b[i + 2]!) >= 7],
  ["dlms-mbus", (b, i) => b[i] === 0x68 && b[i + 1] === b[i + 2] && b[i + 3] === 0x68 && b[i + 1]! >= 3],
  ["dsmr", (b, i) => b[i] === 0xdb && b[i + 1] === 0x08 && i + 10 < b.length],
  ["dsmr", (b, i) => b[i] === 0x2f && b[i + 1] !== 0x3f && /^[A-Za-z]{3}$/.test(Buffer.from(b.subarray(i + 1, i + 4)).toString("latin1"))],
  ["iec62056-21", (b, i) => b[i] === 0x2f && b[i + 1] === 0x3f],
];

/**
 * After an identification line, a readout has its data block in STX … ETX, or short codes
 * (`1.8.0(…)`, several per line on heat meters); a DSMR telegram has one full code per line.
 */
function isReadout(buf: Buffer, start: number): boolean {
  const lineEnd = buf.indexOf(0x0a, start);
  if (lineEnd < 0) return false;
  if (buf.includes("\n\x02", start, "latin1") || buf[lineEnd + 1] === 0x02) return true;
  const bang = buf.indexOf(0x21, lineEnd);
  const first = buf
    .subarray(lineEnd + 1, bang < 0 ? buf.length : bang)
    .toString("latin1")
    .split("\n")
    .map((l) => l.trim())
    .find(Boolean);
  return first !== undefined && first.indexOf(":") < 0 && first.indexOf("(") > 0 && !first.startsWith("(");
}

/** Which decoder a capture needs, from the first place a frame of some protocol really starts. */
export function detectProtocol(bytes: Uint8Array): Detected {
  const head = stripLlc(bytes);
  if (head[0] === 0x0f) return "dlms-apdu";
  for (let i = 0; i < bytes.length; i++) {
    for (const [protocol, test] of starts) {
      if (!test(bytes, i)) continue;
      if (protocol === "dsmr" && bytes[i] === 0x2f && isReadout(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), i)) return "iec62056-21";
      return protocol;
    }
  }
  return "dsmr";
}

export type CaptureOptions = {
  protocol?: CaptureProtocol;
  keys?: CipherKeys;
  lenient?: boolean;
  lastFrameCounter?: number | null;
  dlmsProfile?: DlmsProfileName;
};

/** Every frame of a capture file, decoded, or the typed error of each bad one. */
export function decodeCapture(bytes: Uint8Array, options: CaptureOptions = {}): CaptureResult[] {
  const detected = detectProtocol(bytes);
  const wanted = options.protocol ?? "auto";
  const bareApdu = [0x0f, 0xdb].includes(stripLlc(bytes)[0]!) && !detected.startsWith("dlms-");
  const protocol: Detected =
    wanted === "auto"
      ? detected
      : wanted === "dlms"
        ? detected.startsWith("dlms")
          ? detected
          : bareApdu
            ? "dlms-apdu"
            : "dlms-hdlc"
        : wanted === "dsmr" && detected === "iec62056-21"
          ? "dsmr"
          : wanted;
  const keys = options.keys ?? {};
  if (protocol === "iec62056-21") return [attempt(() => decodeIec62056Readout(bytes), bytes)];
  if (protocol === "dlms-apdu") {
    const decoder = new DlmsPushDecoder("hdlc", keys, options.dlmsProfile);
    decoder.lastFrameCounter = options.lastFrameCounter ?? null;
    const apdu = stripLlc(bytes);
    // Without its link layer an APDU carries no checksum; only an authentication tag vouches for it.
    return [attempt(() => ({ ...decoder.decodeApdu(apdu), checksum: isAuthenticatedApdu(apdu) ? "valid" : "absent" }), bytes)];
  }
  const decoder = createStreamDecoder(protocol, {
    keys,
    lenient: options.lenient,
    lastFrameCounter: options.lastFrameCounter,
    dlmsProfile: options.dlmsProfile,
  });
  const results = [...decoder.push(bytes), ...decoder.flush()];
  if (results.length) return results;
  // An SML file forwarded without its transport frame: its messages' CRCs vouch for it.
  if (protocol === "sml" && bytes[0] === 0x76) return [attempt(() => decodeSmlFile(bytes))];
  const what = {
    dsmr: "DSMR telegram (/ … !CRC) or encrypted P1 frame",
    "dlms-hdlc": "complete DLMS push (HDLC)",
    "dlms-mbus": "complete DLMS push (M-Bus)",
    sml: "SML file (1B1B1B1B 01010101 … 1B1B1B1B 1A)",
  }[protocol];
  return [{ error: decodeError(protocol === "dsmr" || protocol === "sml" ? "FORMAT" : "TRUNCATED", `no ${what} found`) }];
}
