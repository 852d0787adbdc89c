import { BufferedFramer } from "../framer";
import { decodeError } from "../errors";
import { decipherGeneralGlo, type CipherKeys } from "../dlms/cipher";
import { parseDataNotification } from "../dlms/notification";
import type { DecodedFrame } from "../reading";
import { parseDsmrTelegram, type DsmrOptions } from "./parse-telegram";

const MAX_FRAME = 8_192;

/** Encrypted P1 frames (`DB 08 <title> 82 <len>` …) out of a byte stream. */
export class EncryptedP1Framer extends BufferedFramer {
  constructor() {
    super(MAX_FRAME);
  }

  protected extract(): Uint8Array | null {
    for (;;) {
      if (!this.seekSync(0xdb)) return null;
      if (this.buffer.length < 13) return null;
      if (this.buffer[1] !== 0x08 || this.buffer[10] !== 0x82) {
        this.skip(1);
        continue;
      }
      const total = 13 + this.buffer.readUInt16BE(11);
      if (total > MAX_FRAME) {
        this.skip(1);
        continue;
      }
      return this.buffer.length >= total ? this.take(total) : null;
    }
  }
}

/**
 * An encrypted P1 frame (Luxembourg Smarty and the like): deciphered, then parsed as a DSMR
 * telegram; the same ciphering may carry a DLMS data notification (a bare E450 APDU), parsed as
 * such. Wrong key or altered bytes fail the GCM tag; an old frame counter is a replay.
 */
export function decodeEncryptedP1(frame: Uint8Array, keys: CipherKeys, options: DsmrOptions & { lastFrameCounter?: number | null } = {}): DecodedFrame {
  const { plaintext, frameCounter, systemTitle } = decipherGeneralGlo(frame, keys, options.lastFrameCounter);
  if (plaintext[0] === 0x0f) return { ...parseDataNotification(plaintext, { systemTitle }), frameCounter };
  if (!plaintext.includes(0x2f)) throw decodeError("FORMAT", "deciphered content is neither a P1 telegram nor a DLMS data notification");
  return { ...parseDsmrTelegram(plaintext, options), frameCounter };
}
