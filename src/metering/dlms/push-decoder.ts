import { decodeError, MeterDecodeError } from "../errors";
import type { Framer } from "../framer";
import type { DecodedFrame } from "../reading";
import { assertPlaintextAccepted, decipherGeneralGlo, type CipherKeys } from "./cipher";
import { parseGbtBlock } from "./gbt";
import { HdlcFramer, parseHdlcFrame, stripLlc } from "./hdlc";
import { MbusFramer, parseMbusFrame } from "./mbus";
import type { DlmsProfileName } from "./profile-names";
import { parseDataNotification } from "./notification";

export type DlmsTransport = "hdlc" | "mbus";
/** A push decoded, or refused with why; with the link frames it came in. */
export type DlmsPushResult = ({ frame: DecodedFrame } | { error: MeterDecodeError }) & { raw?: Uint8Array };

const MAX_APDU = 65_536;

/**
 * DLMS/COSEM push over HDLC or M-Bus, from bytes to decoded frames: link frames (checksums),
 * link segments, general-block-transfer blocks, ciphering (replays refused), data notification.
 * One instance per meter: it keeps partial APDUs and the last accepted frame counter.
 */
export class DlmsPushDecoder {
  private readonly framer: Framer;
  private segments: Uint8Array[] = [];
  /** The link frames of the push being assembled, as received. */
  private linkFrames: Uint8Array[] = [];
  private blocks: Uint8Array[] = [];
  private nextBlock = 1;
  lastFrameCounter: number | null = null;

  constructor(
    private readonly transport: DlmsTransport,
    private readonly keys: CipherKeys = {},
    private readonly profile?: DlmsProfileName,
  ) {
    this.framer = transport === "hdlc" ? new HdlcFramer() : new MbusFramer();
  }

  get discarded() {
    return this.framer.discarded;
  }

  flush(): DlmsPushResult[] {
    this.framer.flush();
    const cut = this.segments.length || this.blocks.length;
    const raw = this.takeLinkFrames();
    this.reset();
    return cut ? [{ error: decodeError("TRUNCATED", "the input ends inside a push (segments or blocks missing)"), raw }] : [];
  }

  /** Every decoded frame or typed error the new bytes complete. Never throws on bad input. */
  push(chunk: Uint8Array): DlmsPushResult[] {
    const results: DlmsPushResult[] = [];
    for (const linkFrame of this.framer.push(chunk)) {
      // A push starts with nothing pending: earlier link frames belonged to one already reported.
      if (!this.segments.length && !this.blocks.length) this.linkFrames = [];
      this.linkFrames.push(linkFrame);
      try {
        const apdu = this.linkFrame(linkFrame);
        if (apdu) {
          const frame = this.decodeApdu(apdu);
          results.push({ frame, raw: this.takeLinkFrames() });
        }
      } catch (err) {
        if (!(err instanceof MeterDecodeError)) throw err;
        this.reset();
        results.push({ error: err, raw: this.takeLinkFrames() });
      }
    }
    return results;
  }

  private takeLinkFrames(): Uint8Array {
    const raw = this.linkFrames.length === 1 ? this.linkFrames[0]! : Buffer.concat(this.linkFrames);
    this.linkFrames = [];
    return raw;
  }

  private reset() {
    this.segments = [];
    this.blocks = [];
    this.nextBlock = 1;
  }

  /** Accumulates link-layer segments; returns a complete APDU (after block transfer) or null. */
  private linkFrame(bytes: Uint8Array): Uint8Array | null {
    let payload: Uint8Array;
    let more: boolean;
    if (this.transport === "hdlc") {
      const frame = parseHdlcFrame(bytes);
      payload = this.segments.length ? frame.info : stripLlc(frame.info);
      more = frame.segmented;
    } else {
      const segment = parseMbusFrame(bytes);
      if (segment.sequence !== this.segments.length % 16) {
        this.reset();
        if (segment.sequence !== 0) throw decodeError("TRUNCATED", `M-Bus segment ${segment.sequence} arrived without its predecessors`);
      }
      payload = segment.data;
      more = !segment.last;
    }
    this.segments.push(payload);
    if (this.segments.reduce((n, s) => n + s.length, 0) > MAX_APDU) throw decodeError("FORMAT", "APDU larger than any push");
    if (more) return null;
    const apdu = Buffer.concat(this.segments);
    this.segments = [];
    if (apdu[0] !== 0xe0) return apdu;

    const block = parseGbtBlock(apdu);
    if (block.number !== this.nextBlock) {
      this.reset();
      if (block.number !== 1) throw decodeError("TRUNCATED", `block ${block.number} arrived without its predecessors`);
    }
    this.blocks.push(block.data);
    this.nextBlock = block.number + 1;
    if (!block.last) return null;
    const whole = Buffer.concat(this.blocks);
    this.blocks = [];
    this.nextBlock = 1;
    return whole;
  }

  /** One whole APDU (data notification, ciphered or not), as a bare capture holds it. */
  decodeApdu(apdu: Uint8Array): DecodedFrame {
    if (apdu[0] !== 0xdb) {
      assertPlaintextAccepted(this.keys, "a push");
      return parseDataNotification(apdu, { profile: this.profile });
    }
    const deciphered = decipherGeneralGlo(apdu, this.keys, this.lastFrameCounter);
    const frame = parseDataNotification(deciphered.plaintext, { systemTitle: deciphered.systemTitle, profile: this.profile });
    this.lastFrameCounter = deciphered.frameCounter;
    return { ...frame, frameCounter: deciphered.frameCounter, meterId: frame.meterId ?? Buffer.from(deciphered.systemTitle).toString("hex").toUpperCase() };
  }
}
