import { DlmsPushDecoder } from "../dlms/push-decoder";
import type { CipherKeys } from "../dlms/cipher";
import { decodeEncryptedP1, EncryptedP1Framer } from "../dsmr/encrypted";
import { DsmrFramer } from "../dsmr/framer";
import { parseDsmrTelegram } from "../dsmr/parse-telegram";
import { MeterDecodeError } from "../errors";
import type { DecodedFrame } from "../reading";

export type PushResult = { frame: DecodedFrame } | { error: MeterDecodeError };
export interface PushDecoder {
  push(chunk: Uint8Array): PushResult[];
}

export type PushDecoderConfig = { protocol: "DSMR" | "DLMS"; dlmsLink?: string | null; keys: CipherKeys; lastFrameCounter?: number | null };

const attempt = (decode: () => DecodedFrame): PushResult => {
  try {
    return { frame: decode() };
  } catch (err) {
    if (err instanceof MeterDecodeError) return { error: err };
    throw err;
  }
};

/** The stream decoder of a push meter: DSMR (plain or encrypted when it has a key) or DLMS. */
export function createPushDecoder(config: PushDecoderConfig): PushDecoder {
  if (config.protocol === "DLMS") {
    const decoder = new DlmsPushDecoder(config.dlmsLink === "mbus" ? "mbus" : "hdlc", config.keys);
    decoder.lastFrameCounter = config.lastFrameCounter ?? null;
    return decoder;
  }
  if (config.keys.key) {
    const framer = new EncryptedP1Framer();
    let last = config.lastFrameCounter ?? null;
    return {
      push: (chunk) =>
        framer.push(chunk).map((f) =>
          attempt(() => {
            const frame = decodeEncryptedP1(f, config.keys, { lastFrameCounter: last });
            last = frame.frameCounter ?? last;
            return frame;
          }),
        ),
    };
  }
  const framer = new DsmrFramer();
  return { push: (chunk) => framer.push(chunk).map((t) => attempt(() => parseDsmrTelegram(t))) };
}
