import type { CipherKeys } from "./dlms/cipher";
import type { DlmsProfileName } from "./dlms/profile-names";
import { DlmsPushDecoder } from "./dlms/push-decoder";
import { attempt, P1StreamDecoder, type DecodeResult } from "./dsmr/p1-decoder";
import { decodeSmlFrame } from "./sml/decode";
import { SmlFramer } from "./sml/transport";

export type { DecodeResult };

/** The byte streams a meter pushes: DSMR P1 (plain or encrypted), DLMS over HDLC or M-Bus, SML. */
export type StreamProtocol = "dsmr" | "dlms-hdlc" | "dlms-mbus" | "sml";

export interface StreamDecoder {
  /** Every decoded frame or typed error the new bytes complete. Never throws on bad input. */
  push(chunk: Uint8Array): DecodeResult[];
  /** End of input (a capture file): what only the end completes. */
  flush(): DecodeResult[];
  readonly lastFrameCounter: number | null;
}

export type StreamDecoderOptions = { keys?: CipherKeys; lenient?: boolean; lastFrameCounter?: number | null; dlmsProfile?: DlmsProfileName };

class SmlStreamDecoder implements StreamDecoder {
  private readonly framer = new SmlFramer();
  readonly lastFrameCounter = null;
  push(chunk: Uint8Array): DecodeResult[] {
    return this.framer.push(chunk).map((f) => attempt(() => decodeSmlFrame(f), f));
  }
  flush(): DecodeResult[] {
    return this.framer.flush().map((f) => attempt(() => decodeSmlFrame(f), f));
  }
}

/** The one place that picks a decoder for a stream: live links, "Tester la connexion" and capture files. */
export function createStreamDecoder(protocol: StreamProtocol, options: StreamDecoderOptions = {}): StreamDecoder {
  const keys = options.keys ?? {};
  switch (protocol) {
    case "dsmr":
      return new P1StreamDecoder(keys, options.lenient, options.lastFrameCounter ?? null);
    case "dlms-hdlc":
    case "dlms-mbus": {
      const decoder = new DlmsPushDecoder(protocol === "dlms-hdlc" ? "hdlc" : "mbus", keys, options.dlmsProfile);
      decoder.lastFrameCounter = options.lastFrameCounter ?? null;
      return decoder;
    }
    case "sml":
      return new SmlStreamDecoder();
  }
}

/** A configured push meter's stream. */
export function meterStreamProtocol(meter: { protocol: string; dlmsLink?: string | null }): StreamProtocol {
  if (meter.protocol === "SML") return "sml";
  if (meter.protocol === "DLMS") return meter.dlmsLink === "mbus" ? "dlms-mbus" : "dlms-hdlc";
  return "dsmr";
}
