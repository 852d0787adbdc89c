import { assertPlaintextAccepted, type CipherKeys } from "../dlms/cipher";
import { MeterDecodeError } from "../errors";
import type { DecodedFrame } from "../reading";
import { decodeEncryptedP1, EncryptedP1Framer } from "./encrypted";
import { DsmrFramer } from "./framer";
import { parseDsmrTelegram } from "./parse-telegram";

/** A frame decoded, or refused with why; with the bytes it was read from, for the meter page. */
export type DecodeResult = ({ frame: DecodedFrame } | { error: MeterDecodeError }) & { raw?: Uint8Array };

export const attempt = (decode: () => DecodedFrame, raw?: Uint8Array): DecodeResult => {
  try {
    return { frame: decode(), raw };
  } catch (err) {
    if (err instanceof MeterDecodeError) return { error: err, raw };
    throw err;
  }
};

/**
 * A P1 port's bytes: plaintext DSMR telegrams and encrypted P1 frames (DLMS general-glo-ciphering,
 * Luxembourg Smarty). A meter with keys accepts only the encrypted ones unless it allows
 * unauthenticated frames; ciphertext that happens to look like a telegram is not reported.
 */
export class P1StreamDecoder {
  private readonly plain = new DsmrFramer();
  private readonly encrypted = new EncryptedP1Framer();
  private readonly hasKeys: boolean;

  constructor(
    private readonly keys: CipherKeys = {},
    private readonly lenient = false,
    public lastFrameCounter: number | null = null,
  ) {
    this.hasKeys = Boolean(keys.key?.length || keys.authKey?.length);
  }

  push(chunk: Uint8Array): DecodeResult[] {
    return [...this.decodeEncrypted(this.encrypted.push(chunk)), ...this.decodePlain(this.plain.push(chunk))];
  }

  flush(): DecodeResult[] {
    return [...this.decodeEncrypted(this.encrypted.flush()), ...this.decodePlain(this.plain.flush())];
  }

  private decodeEncrypted(frames: Uint8Array[]): DecodeResult[] {
    return frames.map((f) =>
      attempt(() => {
        const frame = decodeEncryptedP1(f, this.keys, { ignoreCrc: this.lenient, lastFrameCounter: this.lastFrameCounter });
        this.lastFrameCounter = frame.frameCounter ?? this.lastFrameCounter;
        return frame;
      }, f),
    );
  }

  private decodePlain(telegrams: Uint8Array[]): DecodeResult[] {
    return telegrams.flatMap((t) => {
      const result = attempt(() => parseDsmrTelegram(t, { ignoreCrc: this.lenient }), t);
      if (!this.hasKeys) return [result];
      if ("error" in result) return [];
      return [
        attempt(() => {
          assertPlaintextAccepted(this.keys, "a P1 telegram");
          return result.frame;
        }, t),
      ];
    });
  }
}
