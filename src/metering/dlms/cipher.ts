import { createDecipheriv } from "node:crypto";
import { decodeError } from "../errors";

/**
 * A meter's keys and what it accepts. With keys set, frames that are not authenticated are refused
 * (a plaintext frame, or encryption without a tag when an authentication key is known) unless
 * `refuseUnauthenticated` is false: otherwise anyone on the line could inject or alter readings.
 */
export type CipherKeys = { key?: Uint8Array | null; authKey?: Uint8Array | null; refuseUnauthenticated?: boolean };

const hasKeys = (keys: CipherKeys) => Boolean(keys.key?.length || keys.authKey?.length);
const strict = (keys: CipherKeys) => keys.refuseUnauthenticated !== false;

/** A general-glo-ciphering APDU whose security control asks for an authentication tag. */
export function isAuthenticatedApdu(apdu: Uint8Array): boolean {
  if (apdu[0] !== 0xdb || apdu.length < 12) return false;
  const { size } = berLength(apdu, 10);
  return ((apdu[10 + size] ?? 0) & 0x10) !== 0;
}

/** Throws when a frame without any protection reaches a meter that has keys. */
export function assertPlaintextAccepted(keys: CipherKeys, what: string): void {
  if (hasKeys(keys) && strict(keys)) {
    throw decodeError(
      "AUTHENTICATION",
      `${what} in clear refused: this meter has keys, so only protected frames are accepted (its "refuse unauthenticated frames" switch is on)`,
    );
  }
}

export type Deciphered = { systemTitle: Uint8Array; frameCounter: number; security: number; plaintext: Uint8Array };

/** BER length at `offset`: its value and the bytes it used. */
export function berLength(bytes: Uint8Array, offset: number): { length: number; size: number } {
  const first = bytes[offset];
  if (first === undefined) throw decodeError("TRUNCATED", "length byte missing");
  if (first < 0x80) return { length: first, size: 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 3) throw decodeError("FORMAT", `unsupported length encoding 0x${first.toString(16)}`);
  if (offset + count >= bytes.length) throw decodeError("TRUNCATED", "length bytes missing");
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + bytes[offset + i]!;
  return { length, size: 1 + count };
}

/**
 * DLMS general-glo-ciphering (tag 0xDB): `DB 08 <system title> <len> <SC> <frame counter> <data>`.
 * SC 0x30 is AES-128-GCM encrypted and authenticated (AAD = SC ‖ authentication key, 12-byte
 * tag); 0x20 is encrypted only (GCM's counter mode, no tag); 0x10 authenticated only. A frame
 * counter not above `lastFrameCounter` is a replay.
 */
export function decipherGeneralGlo(apdu: Uint8Array, keys: CipherKeys, lastFrameCounter?: number | null): Deciphered {
  if (apdu[0] !== 0xdb) throw decodeError("FORMAT", "not a general-glo-ciphering APDU (0xDB)");
  if (apdu.length < 2 || apdu[1] !== 0x08) throw decodeError(apdu.length < 2 ? "TRUNCATED" : "FORMAT", "system title must be 8 bytes");
  if (apdu.length < 10) throw decodeError("TRUNCATED", "system title cut");
  const systemTitle = apdu.subarray(2, 10);
  const { length, size } = berLength(apdu, 10);
  const body = 10 + size;
  if (apdu.length < body + length) throw decodeError("TRUNCATED", `ciphered content declares ${length} bytes, ${apdu.length - body} present`);
  if (length < 5) throw decodeError("FORMAT", "ciphered content too short");
  const security = apdu[body]!;
  const frameCounter = new DataView(apdu.buffer, apdu.byteOffset + body + 1, 4).getUint32(0);
  if (lastFrameCounter !== undefined && lastFrameCounter !== null && frameCounter <= lastFrameCounter) {
    throw decodeError("REPLAY", `frame counter ${frameCounter} is not above the last accepted ${lastFrameCounter}`);
  }
  const data = apdu.subarray(body + 5, body + length);
  const iv = Buffer.concat([systemTitle, apdu.subarray(body + 1, body + 5)]);
  const mode = security & 0x30;
  if (mode === 0) throw decodeError("UNSUPPORTED", `security control byte 0x${security.toString(16)}`);
  if (keys.key?.length !== 16) throw decodeError("KEY", "a ciphered frame needs its 16-byte key");
  if (mode !== 0x30 && keys.authKey?.length && strict(keys)) {
    throw decodeError(
      "AUTHENTICATION",
      `security 0x${security.toString(16)} (${mode === 0x20 ? "encrypted without authentication tag" : "authenticated but not encrypted"}) refused: this meter has an authentication key, so only authenticated encryption (0x30) is accepted`,
    );
  }
  if (mode === 0x10) {
    // Authenticated only (GMAC): the data travels in clear, the tag covers SC ‖ AK ‖ data.
    if (keys.authKey?.length !== 16) throw decodeError("KEY", "an authenticated frame needs its 16-byte authentication key");
    if (data.length < 12) throw decodeError("TRUNCATED", "authentication tag cut");
    const clear = data.subarray(0, data.length - 12);
    const gmac = createDecipheriv("aes-128-gcm", keys.key, iv, { authTagLength: 12 });
    gmac.setAAD(Buffer.concat([Buffer.from([security]), keys.authKey, clear]));
    gmac.setAuthTag(data.subarray(data.length - 12));
    try {
      gmac.final();
    } catch {
      throw decodeError("AUTHENTICATION", "authentication tag does not verify: wrong key or altered frame");
    }
    return { systemTitle, frameCounter, security, plaintext: clear };
  }

  if (mode === 0x20) {
    const ctr = createDecipheriv("aes-128-ctr", keys.key, Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]));
    return { systemTitle, frameCounter, security, plaintext: Buffer.concat([ctr.update(data), ctr.final()]) };
  }
  if (keys.authKey?.length !== 16) throw decodeError("KEY", "an authenticated frame needs its 16-byte authentication key");
  if (data.length < 12) throw decodeError("TRUNCATED", "authentication tag cut");
  const gcm = createDecipheriv("aes-128-gcm", keys.key, iv, { authTagLength: 12 });
  gcm.setAAD(Buffer.concat([Buffer.from([security]), keys.authKey]));
  gcm.setAuthTag(data.subarray(data.length - 12));
  const plaintext = gcm.update(data.subarray(0, data.length - 12));
  try {
    return { systemTitle, frameCounter, security, plaintext: Buffer.concat([plaintext, gcm.final()]) };
  } catch {
    throw decodeError("AUTHENTICATION", "authentication tag does not verify: wrong key or altered frame");
  }
}
