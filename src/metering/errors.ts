/** Why a frame was refused. Every decoder throws only this, with one of these codes. */
export type MeterDecodeErrorCode =
  | "CHECKSUM" // CRC, BCC, HCS/FCS or M-Bus sum does not match
  | "TRUNCATED" // the frame ends before its declared or expected end
  | "FORMAT" // bytes that are not this protocol
  | "AUTHENTICATION" // GCM tag does not verify (wrong key or tampered frame)
  | "REPLAY" // frame counter not above the last accepted one
  | "KEY" // an encrypted frame and no key (or a malformed one)
  | "UNSUPPORTED"; // valid, but a variant this decoder does not handle

export class MeterDecodeError extends Error {
  constructor(
    readonly code: MeterDecodeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MeterDecodeError";
  }
}

export const decodeError = (code: MeterDecodeErrorCode, message: string) => new MeterDecodeError(code, message);
