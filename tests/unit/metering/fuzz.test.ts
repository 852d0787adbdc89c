import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../src/lib/seeded-random";
import { decodeAxdr } from "../../../src/metering/dlms/axdr";
import { DlmsPushDecoder } from "../../../src/metering/dlms/push-decoder";
import { parseDataNotification } from "../../../src/metering/dlms/notification";
import { decodeEncryptedP1 } from "../../../src/metering/dsmr/encrypted";
import { DsmrFramer } from "../../../src/metering/dsmr/framer";
import { parseDsmrTelegram } from "../../../src/metering/dsmr/parse-telegram";
import { MeterDecodeError } from "../../../src/metering/errors";
import { decodeIec62056Readout } from "../../../src/metering/iec62056-21/data-block";
import { fixture, hex, keys } from "./fixtures";

const FRAMES = 100_000;

/** Random bytes, or a valid frame with bits flipped, bytes inserted or removed, or cut short. */
function* frames(valid: Uint8Array[], seed: number): Generator<Uint8Array> {
  // Seeded, so a failure can be replayed.
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  for (let i = 0; i < FRAMES; i++) {
    if (i % 4 === 0) {
      yield Uint8Array.from({ length: int(600) }, () => int(256));
      continue;
    }
    const frame = Buffer.from(valid[int(valid.length)]!);
    switch (i % 4) {
      case 1:
        for (let k = 1 + int(4); k > 0; k--) frame[int(frame.length)]! ^= 1 << int(8);
        yield frame;
        break;
      case 2: {
        const at = int(frame.length);
        yield Buffer.concat([frame.subarray(0, at), Uint8Array.from({ length: int(8) }, () => int(256)), frame.subarray(at + int(8))]);
        break;
      }
      default:
        yield frame.subarray(0, int(frame.length));
    }
  }
}

/** Feeds every frame; anything but a MeterDecodeError fails the test with the frame that caused it. */
function survive(decode: (frame: Uint8Array) => unknown, valid: Uint8Array[], seed: number) {
  let typed = 0;
  for (const frame of frames(valid, seed)) {
    try {
      decode(frame);
    } catch (err) {
      if (!(err instanceof MeterDecodeError)) throw new Error(`${(err as Error).message} on ${Buffer.from(frame).toString("hex")}`);
      typed++;
    }
  }
  // The feed reached the checks: at least as many refusals as there were frames of pure noise.
  expect(typed).toBeGreaterThan(FRAMES / 4);
}

const dsmr = ["dsmr_parser__v5_iskra_mt382.txt", "dsmr_parser__v4_2_kaifa.txt", "dsmr_parser__v2_2_iskra_mt382.txt", "dsmr_parser__sagemcom_t210_d_r_plaintext.txt"].map(fixture);
const e450 = fixture("dlms_parser__lgz_e450_hdlc_gbt_encrypted_1.bin");
const apdu = hex(fixture("dlms_parser__lgz_e450_1_decrypted_apdu.hex.txt").toString().trim());

describe(`decoders under ${FRAMES.toLocaleString("en")} random and mutated frames each`, { timeout: 120_000 }, () => {
  it("DSMR telegram parser (CRC checked and ignored)", () => survive((f) => parseDsmrTelegram(f, { ignoreCrc: f.length % 2 === 0 }), dsmr, 1));
  it("DSMR framer", () => {
    const framer = new DsmrFramer();
    survive((f) => framer.push(f).forEach((t) => parseDsmrTelegram(t)), dsmr, 2);
  });
  it("encrypted P1", () => survive((f) => decodeEncryptedP1(f, keys.smarty, { ignoreCrc: true }), [fixture("openhab__smarty_lux_encrypted_frame.bin")], 3));
  it("IEC 62056-21 readout", () => survive((f) => decodeIec62056Readout(f), [fixture("smartmeter-obis__d0_modeC_iskra_MT174_response.bin"), fixture("smartmeter-obis__d0_elster_ELS5_ack_response.bin")], 4));
  it("DLMS data notification and A-XDR", () => survive((f) => (f.length % 2 ? parseDataNotification(f) : decodeAxdr(f, 0)), [apdu], 5));
  it("DLMS push over HDLC and M-Bus (stateful decoders)", () => {
    const hdlc = new DlmsPushDecoder("hdlc", keys.e450);
    const mbus = new DlmsPushDecoder("mbus", keys.kaifa);
    const kaifa = fixture("dlms_parser__netz_noe_kaifa_mbus_encrypted.bin");
    survive(
      (f) => {
        for (const result of [...hdlc.push(f), ...mbus.push(f)]) if ("error" in result) throw result.error;
      },
      [e450, kaifa, e450.subarray(0, 142), kaifa.subarray(0, 256)],
      6,
    );
  });
});
