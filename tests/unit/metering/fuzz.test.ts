import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../src/lib/seeded-random";
import { bcc, crc16Arc, mbusChecksum } from "../../../src/metering/checksums";
import { decodeAxdr } from "../../../src/metering/dlms/axdr";
import { DlmsPushDecoder } from "../../../src/metering/dlms/push-decoder";
import { decodeEncryptedP1 } from "../../../src/metering/dsmr/encrypted";
import { DsmrFramer } from "../../../src/metering/dsmr/framer";
import { parseDsmrTelegram } from "../../../src/metering/dsmr/parse-telegram";
import { MeterDecodeError } from "../../../src/metering/errors";
import { decodeIec62056Readout } from "../../../src/metering/iec62056-21/data-block";
import { cipherGeneralGlo, encodeCaptureObjectPush, hdlcFrame } from "../../../src/metering/simulator/encoders";
import { LoadModel } from "../../../src/metering/simulator/load-model";
import { encodeSmlFile, smlTransport } from "../../../src/metering/simulator/sml-encoder";
import { decodeSmlFrame } from "../../../src/metering/sml/decode";
import { unwrapSmlTransport } from "../../../src/metering/sml/transport";
import { fixture, hex, keys } from "./fixtures";

const FRAMES = 100_000;
const catalogApdus = [
  "amshan__kaifa_se_list.apdu.hex",
  "amshan__kamstrup_se_list_real_sample.apdu.hex",
  "amshan__aidon_se_list.apdu.hex",
  "amshan__kaifa_no_list_3.apdu.hex",
].map((f) => hex(fixture(f).toString().trim()).subarray(3));
const state = new LoadModel({ seed: 3 }).step(new Date("2026-06-01T12:00:00Z"));
const e450Apdu = encodeCaptureObjectPush(state, new Date("2026-06-01T12:00:00Z"), 1, "LGZ1030653520967");

/** Mutations a line or a buggy meter makes: flipped bits, bytes inserted, removed or overwritten, a cut. */
function mutate(frame: Uint8Array, random: () => number): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  const bytes = Buffer.from(frame);
  switch (int(4)) {
    case 0:
      for (let k = 1 + int(4); k > 0; k--) bytes[int(bytes.length)]! ^= 1 << int(8);
      return bytes;
    case 1: {
      const at = int(bytes.length);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(Array.from({ length: int(8) }, () => int(256))), bytes.subarray(at + int(8))]);
    }
    case 2:
      for (let k = 1 + int(3); k > 0; k--) bytes[int(bytes.length)] = [0x00, 0x01, 0x02, 0x09, 0x7f, 0x80, 0xff][int(7)]!;
      return bytes;
    default:
      return bytes.subarray(0, int(bytes.length));
  }
}

/**
 * What a decoded frame must never hold, whatever the input: an invalid date (printing or storing
 * it throws) or a reading field that is not a finite number.
 */
function insanities(value: unknown, path = "", depth = 0): string[] {
  if (depth > 8 || value === null || typeof value !== "object" || value instanceof Uint8Array) return [];
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? [`${path} is an invalid date`] : [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(path.endsWith("fields") && !(typeof v === "number" && Number.isFinite(v)) ? [`${path}.${key} = ${String(v)}`] : []),
    ...insanities(v, `${path}.${key}`, depth + 1),
  ]);
}

/**
 * Feeds `FRAMES` frames made by `make`; anything thrown but a MeterDecodeError fails the test with
 * the frame that caused it. Returns how many decoded and the slowest decode (printed, not asserted:
 * timings belong to the benchmark, which prints this figure too).
 */
function survive(name: string, seed: number, make: (random: () => number) => Uint8Array, decode: (frame: Uint8Array) => unknown) {
  const random = seededRandom(seed);
  let decoded = 0;
  let slowest = 0;
  for (let i = 0; i < FRAMES; i++) {
    const frame = make(random);
    const start = performance.now();
    try {
      const result = decode(frame);
      if (result !== null) {
        decoded++;
        const problems = insanities(result);
        if (problems.length) throw new Error(`${name}: ${problems.join(", ")} on ${Buffer.from(frame).toString("hex")}`);
      }
    } catch (err) {
      if (!(err instanceof MeterDecodeError)) throw new Error(`${name}: ${(err as Error).message} on ${Buffer.from(frame).toString("hex")}`);
    }
    slowest = Math.max(slowest, performance.now() - start);
  }
  console.log(`fuzz ${name}: ${decoded.toLocaleString("en")} of ${FRAMES.toLocaleString("en")} decoded, slowest ${slowest.toFixed(1)} ms`);
  return decoded;
}

const pick = <T>(items: T[], random: () => number) => items[Math.floor(random() * items.length)]!;

/** A DSMR telegram with its CRC recomputed after the mutation, so the parser, not the CRC, meets it. */
function dsmrWithCrc(telegram: Buffer, random: () => number): Buffer {
  const bang = telegram.indexOf(0x21);
  const body = mutate(telegram.subarray(0, bang), random);
  const crc = crc16Arc(Buffer.concat([body, Buffer.from("!")]));
  return Buffer.concat([body, Buffer.from(`!${crc.toString(16).toUpperCase().padStart(4, "0")}\r\n`)]);
}

function iecWithBcc(readout: Buffer, random: () => number): Buffer {
  const stx = readout.indexOf(0x02);
  const etx = readout.lastIndexOf(0x03);
  const data = Buffer.concat([mutate(readout.subarray(stx + 1, etx), random), Buffer.from([0x03])]);
  return Buffer.concat([readout.subarray(0, stx + 1), data, Buffer.from([bcc(data, 0, data.length)])]);
}

function mbusFrame(apdu: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from([0x53, 0xff, 0x10, 0x01, 0x67]), apdu]);
  return Buffer.concat([Buffer.from([0x68, body.length, body.length, 0x68]), body, Buffer.from([mbusChecksum(body, 0, body.length), 0x16])]);
}

const dsmrTelegrams = [
  "dsmr_parser__v5_iskra_mt382.txt",
  "dsmr_parser__v4_2_kaifa.txt",
  "dsmr_parser__fluvius_v171.txt",
  "dsmr_parser__nwa_warmtelink_unpadded_crc.txt",
  "dsmr_parser__sagemcom_t210_d_r_plaintext.txt",
].map(fixture);
const readouts = [fixture("smartmeter-obis__d0_modeC_iskra_MT174_response.bin")];
const smlFiles = ["smllib__holley_dtz541.bin", "smllib__isk_with_signature.bin", "smartmeter-obis__sml_emh.bin"].map((f) => unwrapSmlTransport(fixture(f)));

describe(`decoders under ${FRAMES.toLocaleString("en")} mutated frames per family, checksums recomputed`, { timeout: 180_000 }, () => {
  it("DSMR P1 (CRC-16/ARC recomputed) and its framer", () => {
    const framer = new DsmrFramer();
    survive(
      "dsmr",
      1,
      (r) => dsmrWithCrc(pick(dsmrTelegrams, r), r),
      (f) => {
        for (const t of framer.push(f)) parseDsmrTelegram(t);
        return parseDsmrTelegram(f);
      },
    );
  });

  it("IEC 62056-21 readouts (BCC recomputed)", () => {
    survive(
      "iec62056-21",
      2,
      (r) => (r() < 0.9 ? iecWithBcc(pick(readouts, r), r) : mutate(pick(readouts, r), r)),
      (f) => decodeIec62056Readout(f),
    );
  });

  it("DLMS over HDLC (HCS/FCS recomputed) and over M-Bus (sum recomputed): A-XDR, layouts, profiles", () => {
    const apdus = [...catalogApdus, e450Apdu];
    const hdlc = new DlmsPushDecoder("hdlc");
    const mbus = new DlmsPushDecoder("mbus");
    const run = (decoder: DlmsPushDecoder) => (f: Uint8Array) => {
      const results = decoder.push(f);
      for (const result of results) if ("error" in result) throw result.error;
      return results.length ? results : null;
    };
    survive("dlms-hdlc", 3, (r) => hdlcFrame(mutate(pick(apdus, r), r)), run(hdlc));
    survive("dlms-mbus", 4, (r) => mbusFrame(mutate(pick(catalogApdus, r).subarray(0, 220), r)), run(mbus));
    survive(
      "a-xdr",
      5,
      (r) => mutate(pick(apdus, r).subarray(r() < 0.5 ? 5 : 0), r),
      (f) => decodeAxdr(f, 0),
    );
  });

  it("SML (transport CRC recomputed around mutated messages)", () => {
    const decoded = survive(
      "sml",
      6,
      (r) => smlTransport(mutate(pick(smlFiles, r), r)),
      (f) => decodeSmlFrame(f),
    );
    expect(decoded).toBeGreaterThan(0);
    survive(
      "sml-encoded",
      7,
      (r) => mutate(encodeSmlFile(state, Buffer.from("0a01564745000000002a", "hex"), 1, 1), r),
      (f) => decodeSmlFrame(f),
    );
  });

  it("no tampered encrypted frame is ever accepted (DLMS push and P1), links' checksums recomputed", () => {
    const e450 = { key: keys.e450.key, authKey: keys.e450.authKey };
    const systemTitle = Buffer.from("LGZgsp\xb1w", "latin1");
    let counter = 1;
    const ciphered = () => cipherGeneralGlo(e450Apdu, e450, systemTitle, counter++);
    // Every frame differs from the original somewhere after the tag byte (a mutation may leave it whole: redrawn).
    const tamper = (apdu: Buffer, r: () => number) => {
      for (;;) {
        const tampered = Buffer.concat([apdu.subarray(0, 2), mutate(apdu.subarray(2), r)]);
        if (!tampered.equals(apdu)) return tampered;
      }
    };
    const dlms = new DlmsPushDecoder("hdlc", e450);
    expect(
      survive(
        "dlms-encrypted",
        8,
        (r) => hdlcFrame(tamper(ciphered(), r)),
        (f) => {
          for (const result of dlms.push(f)) if ("frame" in result) return result.frame;
          return null;
        },
      ),
    ).toBe(0);
    const smarty = fixture("openhab__smarty_lux_encrypted_frame.bin");
    expect(
      survive(
        "p1-encrypted",
        9,
        (r) => tamper(smarty, r),
        (f) => decodeEncryptedP1(f, keys.smarty, { ignoreCrc: true }),
      ),
    ).toBe(0);
  });
});
