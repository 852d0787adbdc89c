import { describe, expect, it } from "vitest";
import { crc16X25 } from "../../../src/metering/checksums";
import { createCipheriv } from "node:crypto";
import { decodeAxdr } from "../../../src/metering/dlms/axdr";
import { decipherGeneralGlo } from "../../../src/metering/dlms/cipher";
import { DlmsPushDecoder, type DlmsPushResult } from "../../../src/metering/dlms/push-decoder";
import { parseDataNotification } from "../../../src/metering/dlms/notification";
import { fixture, hex, keys } from "./fixtures";

const frames = (results: DlmsPushResult[]) => results.flatMap((r) => ("frame" in r ? [r.frame] : []));
const errors = (results: DlmsPushResult[]) => results.flatMap((r) => ("error" in r ? [r.error.code] : []));

describe("DLMS/COSEM push", () => {
  it("CRC-16/X-25 has its check value", () => expect(crc16X25(Buffer.from("123456789"))).toBe(0x906e));

  it("decodes the E450 push: HDLC, block transfer, GCM, flat OBIS/value list", () => {
    const [push] = frames(new DlmsPushDecoder("hdlc", keys.e450).push(fixture("dlms_parser__lgz_e450_hdlc_gbt_encrypted_1.bin")));
    expect(push!.timestamp).toEqual(new Date("2022-02-21T17:37:30Z"));
    expect(push!.meterId!.startsWith(Buffer.from("LGZ").toString("hex").toUpperCase())).toBe(true);
    expect(push!.fields).toEqual({
      energyImportKwh: 4408.736,
      energyExportKwh: 0,
      powerImportW: 2893,
      powerExportW: 0,
      reactiveImportKvarh: 1591.784,
      reactivePowerImportVar: 1735,
      reactiveExportKvarh: 1401.005,
      reactivePowerExportVar: 0,
    });
    expect(push!.registers).toMatchObject({ "1.8.1": 3593.919, "1.8.2": 814.817, "2.8.1": 0 });
  });

  it("decodes the upstream decrypted APDU to the same values", () => {
    const apdu = hex(fixture("dlms_parser__lgz_e450_1_decrypted_apdu.hex.txt").toString().trim());
    expect(parseDataNotification(apdu).fields.energyImportKwh).toBe(4408.736);
  });

  it("decodes the Kaifa M-Bus push: two segments, encryption without tag, scaler-unit structures", () => {
    const [push] = frames(new DlmsPushDecoder("mbus", keys.kaifa).push(fixture("dlms_parser__netz_noe_kaifa_mbus_encrypted.bin")));
    expect(push!.fields).toMatchObject({ energyImportKwh: 12.937, voltageL1V: 233.7, powerFactor: 1 });
    expect(push!.meterId).toBe("181220000009");
    expect(push!.frameCounter).toBe(35);
  });

  it("refuses a flipped byte (FCS), a wrong key, a replay and a truncated push with typed errors", () => {
    const capture = fixture("dlms_parser__lgz_e450_hdlc_gbt_encrypted_1.bin");
    const flipped = Buffer.from(capture);
    flipped[40]! ^= 0x10;
    // The damaged first frame is refused; the two blocks after it cannot stand alone.
    expect(errors(new DlmsPushDecoder("hdlc", keys.e450).push(flipped))).toEqual(["CHECKSUM", "TRUNCATED", "TRUNCATED"]);
    expect(errors(new DlmsPushDecoder("hdlc", { ...keys.e450, key: keys.kaifa.key }).push(capture))).toEqual(["AUTHENTICATION"]);
    const decoder = new DlmsPushDecoder("hdlc", keys.e450);
    expect(frames(decoder.push(capture))).toHaveLength(1);
    expect(errors(decoder.push(capture))).toEqual(["REPLAY"]);
    const kaifa = fixture("dlms_parser__netz_noe_kaifa_mbus_encrypted.bin");
    const bad = Buffer.from(kaifa);
    bad[100]! ^= 1;
    expect(errors(new DlmsPushDecoder("mbus", keys.kaifa).push(bad))).toEqual(["CHECKSUM", "TRUNCATED"]);
    // Only the last segment: the first is missing.
    expect(errors(new DlmsPushDecoder("mbus", keys.kaifa).push(kaifa.subarray(256)))).toEqual(["TRUNCATED"]);
    expect(frames(new DlmsPushDecoder("hdlc", keys.e450).push(capture.subarray(0, 200)))).toHaveLength(0);
  });

  it("resynchronises after garbage and across arbitrary chunk boundaries", () => {
    const capture = fixture("dlms_parser__lgz_e450_hdlc_gbt_encrypted_1.bin");
    const decoder = new DlmsPushDecoder("hdlc", keys.e450);
    const stream = Buffer.concat([Buffer.from([0x7e, 0xa0, 0x01, 0x55, 0x7e]), capture]);
    const out: DlmsPushResult[] = [];
    for (let i = 0; i < stream.length; i += 5) out.push(...decoder.push(stream.subarray(i, i + 5)));
    expect(frames(out)).toHaveLength(1);
  });

  it("verifies an authenticated-only (0x10) frame by its GMAC tag", () => {
    const key = Buffer.alloc(16, 3);
    const authKey = Buffer.alloc(16, 4);
    const title = Buffer.from("LGZ00001");
    const fc = Buffer.from([0, 0, 0, 9]);
    const data = Buffer.from("0f0000000100", "hex");
    const gmac = createCipheriv("aes-128-gcm", key, Buffer.concat([title, fc]), { authTagLength: 12 });
    gmac.setAAD(Buffer.concat([Buffer.from([0x10]), authKey, data]));
    gmac.final();
    const content = Buffer.concat([Buffer.from([0x10]), fc, data, gmac.getAuthTag()]);
    const apdu = Buffer.concat([Buffer.from([0xdb, 0x08]), title, Buffer.from([content.length]), content]);
    const lenient = { key, authKey, refuseUnauthenticated: false };
    expect(Buffer.from(decipherGeneralGlo(apdu, lenient).plaintext).toString("hex")).toBe("0f0000000100");
    const altered = Buffer.from(apdu);
    altered[17]! ^= 1;
    expect(() => decipherGeneralGlo(altered, lenient)).toThrow(expect.objectContaining({ code: "AUTHENTICATION" }));
    // Data in clear, even authenticated, is refused from a meter that encrypts unless the meter allows it.
    expect(() => decipherGeneralGlo(apdu, { key, authKey })).toThrow(expect.objectContaining({ code: "AUTHENTICATION" }));
  });

  it("decodes A-XDR integers, strings and nested structures", () => {
    const { data } = decodeAxdr(hex("020312fffe0a03414243100005"), 0);
    expect(data).toMatchObject({
      type: "structure",
      items: [
        { type: "integer", value: 65534 },
        { type: "visible-string", value: "ABC" },
        { type: "integer", value: 5 },
      ],
    });
  });
});
