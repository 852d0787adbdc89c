import { describe, expect, it } from "vitest";
import { crc16Arc } from "../../../src/metering/checksums";
import { DsmrFramer } from "../../../src/metering/dsmr/framer";
import { decodeEncryptedP1, EncryptedP1Framer } from "../../../src/metering/dsmr/encrypted";
import { parseDsmrTelegram } from "../../../src/metering/dsmr/parse-telegram";
import { MeterDecodeError } from "../../../src/metering/errors";
import { fixture, keys } from "./fixtures";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return "OK";
  } catch (err) {
    expect(err).toBeInstanceOf(MeterDecodeError);
    return (err as MeterDecodeError).code;
  }
};

describe("DSMR P1", () => {
  it("CRC-16/ARC has its check value", () => expect(crc16Arc(Buffer.from("123456789"))).toBe(0xbb3d));

  it("decodes DSMR 5.0 (Iskra MT382) to the README's values", () => {
    const t = parseDsmrTelegram(fixture("dsmr_parser__v5_iskra_mt382.txt"));
    expect(t.checksum).toBe("valid");
    expect(t.version).toBe("50");
    expect(t.registers).toMatchObject({ "1.8.1": 4.426, "1.8.2": 2.399, "2.8.1": 2.444 });
    expect(t.fields).toMatchObject({
      powerImportW: 244,
      voltageL1V: 230,
      voltageL2V: 230,
      voltageL3V: 229,
      currentL1A: 0.48,
      currentL2A: 0.44,
      currentL3A: 0.86,
      energyImportKwh: 6.825,
    });
    expect(t.mbus).toEqual([
      { channel: 1, deviceType: 3, equipmentId: "2222ABCD123456789", value: 0.107, unit: "m3", timestamp: new Date("2017-01-02T15:10:05Z") },
    ]);
    // 170102192002W: winter time, UTC+1.
    expect(t.timestamp).toEqual(new Date("2017-01-02T18:20:02Z"));
  });

  it("decodes DSMR 4.2 (Kaifa) with its power-failure log and gas", () => {
    const t = parseDsmrTelegram(fixture("dsmr_parser__v4_2_kaifa.txt"));
    expect(t.powerFailures).toHaveLength(3);
    expect(t.powerFailures![0]).toEqual({ endedAt: new Date("2000-01-04T17:03:20Z"), durationSeconds: 237126 });
    expect(t.mbus[0]).toMatchObject({ value: 981.443, unit: "m3" });
    expect(t.meterId).toBe("3960221976967177082151037881335713");
  });

  it("decodes DSMR 2.2 without CRC, the gas value on its own line", () => {
    const t = parseDsmrTelegram(fixture("dsmr_parser__v2_2_iskra_mt382.txt"));
    expect(t.checksum).toBe("absent");
    expect(t.fields.powerImportW).toBe(1010);
    expect(t.mbus[0]).toMatchObject({ channel: 1, value: 1.001, unit: "m3" });
  });

  it("normalises Wh, W, varh and var (Sagemcom T210-D-r) and summer time", () => {
    const t = parseDsmrTelegram(fixture("dsmr_parser__sagemcom_t210_d_r_plaintext.txt"));
    expect(t.fields).toMatchObject({
      energyImportKwh: 6545.766,
      powerImportW: 286,
      energyExportKwh: 0.058,
      reactiveExportKvarh: 3897.726,
      reactivePowerExportVar: 166,
    });
    expect(t.timestamp).toEqual(new Date("2022-10-06T13:50:14Z"));
  });

  it("agrees with the upstream parser's expected values (Iskra AM550 CRLF)", () => {
    const expected = JSON.parse(fixture("athombv__dsmr5_iskra.expected.json").toString());
    const t = parseDsmrTelegram(fixture("athombv__dsmr5_iskra_crlf.txt"));
    expect(t.registers["1.8.1"]).toBe(expected.electricity.tariffs["1"].received / 1000);
    expect(t.registers["2.8.2"]).toBe(expected.electricity.tariffs["2"].returned / 1000);
    expect(t.timestamp!.toISOString()).toBe(new Date(Date.parse(expected.metadata.timestamp) - 3600_000).toISOString());
    expect(t.meterId).toBe(Buffer.from(expected.metadata.equipmentId, "hex").toString());
    expect(parseDsmrTelegram(fixture("openhab__dsmr5_iskra_am550.txt")).checksum).toBe("valid");
  });

  it("reads Belgian e-MUCS gas (24.2.3), *255 suffixes, text messages and skips an empty M-Bus channel", () => {
    const body = [
      "/FLU5\\253769484_A",
      "",
      "0-0:96.1.4(50217)",
      "0-0:1.0.0(230320101500W)",
      "1-0:1.8.1*255(000123.456*kWh)",
      "1-0:1.7.0*255(01.500*kW)",
      "0-0:96.13.0(48656C6C6F)",
      "0-1:24.1.0(003)",
      "0-1:24.2.3(230320101000W)(00042.123*m3)",
      "0-2:24.1.0(007)",
      "0-2:24.2.1(700101010000W)(00000000)",
      "!",
    ].join("\r\n");
    const telegram = `${body}${crc16Arc(Buffer.from(body, "latin1")).toString(16).toUpperCase()}\r\n`;
    const t = parseDsmrTelegram(telegram);
    expect(t).toMatchObject({ checksum: "valid", version: "50217", textMessage: "Hello", registers: { "1.8.1": 123.456 }, fields: { powerImportW: 1500 } });
    expect(t.mbus).toEqual([{ channel: 1, deviceType: 3, equipmentId: null, value: 42.123, unit: "m3", timestamp: new Date("2023-03-20T09:10:00Z") }]);
  });

  it("reads mode D push meters (EasyMeter Q3D, eBZ DD3): serial number as id, E=255 instantaneous codes, signed powers", () => {
    /** A push telegram: identification, data lines, "!" and no CRC (mode D has none). */
    const modeD = (...lines: string[]) => parseDsmrTelegram([...lines, "!", ""].join("\r\n"));
    // EasyMeter Q3D firmware 3.03: powers under 1-0:1.7.255 and 21/41/61.7.255; the id under 0-0:96.1.255, after the utility's property number.
    const v303 = modeD(
      "/ESY5Q3DA1024 V3.03",
      "",
      "1-0:0.0.0*255(112940679)",
      "1-0:1.8.0*255(00001013.0368091*kWh)",
      "1-0:21.7.255*255(000046.04*W)",
      "1-0:41.7.255*255(000122.30*W)",
      "1-0:61.7.255*255(000079.03*W)",
      "1-0:1.7.255*255(000247.37*W)",
      "0-0:96.1.255*255(1ESY1233002534)",
    );
    expect(v303.meterId).toBe("1ESY1233002534");
    expect(v303.fields).toMatchObject({ powerImportW: 247.37, powerL1W: 46.04, powerL2W: 122.3, powerL3W: 79.03, energyImportKwh: 1013.0368091 });
    // Bidirectional firmware 3.04 prints feed-in as a negative import power.
    const feedIn = modeD(
      "/ESY5Q3DA1004 V3.04",
      "1-0:0.0.0*255(0273033000044)",
      "1-0:21.7.0*255(-000128.41*W)",
      "1-0:61.7.0*255(000011.64*W)",
      "1-0:1.7.0*255(-000116.77*W)",
    );
    expect(feedIn.meterId).toBe("0273033000044");
    expect(feedIn.fields).toMatchObject({ powerImportW: 0, powerExportW: 116.77, powerL1W: 0, powerExportL1W: 128.41, powerL3W: 11.64 });
    // A meter that prints the export itself keeps it.
    expect(modeD("/XYZ5TEST", "1-0:1.7.0(-00.100*kW)", "1-0:2.7.0(00.250*kW)").fields).toMatchObject({ powerImportW: 0, powerExportW: 250 });
    // eBZ DD3: the id under 1-0:96.1.0, net power under 1-0:16.7.0.
    const ebz = modeD("/EBZ5DD3BZ06ETA_107", "", "1-0:96.1.0*255(1EBZ0101937879)", "1-0:16.7.0*255(-000458.90*W)", "1-0:36.7.0*255(000344.88*W)");
    expect(ebz.meterId).toBe("1EBZ0101937879");
    expect(ebz.fields).toMatchObject({ powerImportW: 0, powerExportW: 458.9, powerL1W: 344.88 });
  });

  it("takes no unit from the object prototype: a value printed in 'constructor' or '__proto__' is left out, not NaN", () => {
    const t = parseDsmrTelegram(
      ["/XYZ5TEST", "1-0:1.8.0(000123.456*constructor)", "1-0:1.7.0(00.100*__proto__)", "1-0:2.7.0(7toString)", "!", ""].join("\r\n"),
    );
    expect(t.fields).toEqual({});
    expect(t.objects.map((o) => o.value)).toEqual([123.456, 0.1, "7toString"]);
  });

  it("refuses a wrong CRC, a flipped byte and a truncated telegram with typed errors", () => {
    expect(codeOf(() => parseDsmrTelegram(fixture("smartmeter-obis__dsmr4_0_iskra_mt382.txt")))).toBe("CHECKSUM");
    const good = fixture("dsmr_parser__v5_iskra_mt382.txt");
    const flipped = Buffer.from(good);
    flipped[100]! ^= 0x04;
    expect(codeOf(() => parseDsmrTelegram(flipped))).toBe("CHECKSUM");
    expect(codeOf(() => parseDsmrTelegram(good.subarray(0, 300)))).toBe("TRUNCATED");
  });

  it("frames telegrams out of a stream with garbage, split anywhere", () => {
    const a = fixture("dsmr_parser__v5_iskra_mt382.txt");
    const b = fixture("openhab__dsmr5_iskra_am550.txt");
    const stream = Buffer.concat([Buffer.from("\x00\xffgarbage!"), a.subarray(0, 200), Buffer.from("\r\n"), a, Buffer.from("noise"), b]);
    const framer = new DsmrFramer();
    const frames: Uint8Array[] = [];
    for (let i = 0; i < stream.length; i += 7) frames.push(...framer.push(stream.subarray(i, i + 7)));
    expect(frames.map((f) => parseDsmrTelegram(f).checksum)).toEqual(["valid", "valid"]);
    expect(framer.discarded).toBeGreaterThan(200);
  });
});

describe("encrypted P1 (Smarty)", () => {
  it("deciphers and authenticates the Smarty frame; its plaintext's CRC is a known meter quirk", () => {
    const frame = fixture("openhab__smarty_lux_encrypted_frame.bin");
    expect(codeOf(() => decodeEncryptedP1(frame, keys.smarty))).toBe("CHECKSUM");
    const t = decodeEncryptedP1(frame, keys.smarty, { ignoreCrc: true });
    expect(t.checksum).toBe("ignored");
    expect(t.fields).toMatchObject({ energyImportKwh: 6.695, energyExportKwh: 0.025, reactiveImportKvarh: 0.818, reactiveExportKvarh: 2.745 });
    expect(t.frameCounter).toBeGreaterThan(0);
  });

  it("deciphers the specification example (system title, frame counter 0x11223344)", () => {
    const t = decodeEncryptedP1(fixture("athombv__lux_spec_example_encrypted_with_aad.bin"), keys.luxSpec, { ignoreCrc: true });
    expect(t.frameCounter).toBe(0x11223344);
  });

  it("refuses a wrong key, a bad tag, a replay and a missing key", () => {
    const frame = fixture("openhab__smarty_lux_encrypted_frame.bin");
    expect(codeOf(() => decodeEncryptedP1(frame, { ...keys.smarty, key: keys.luxSpec.key }))).toBe("AUTHENTICATION");
    const tampered = Buffer.from(frame);
    tampered[tampered.length - 1]! ^= 1;
    expect(codeOf(() => decodeEncryptedP1(tampered, keys.smarty))).toBe("AUTHENTICATION");
    const { frameCounter } = decodeEncryptedP1(frame, keys.smarty, { ignoreCrc: true });
    expect(codeOf(() => decodeEncryptedP1(frame, keys.smarty, { ignoreCrc: true, lastFrameCounter: frameCounter }))).toBe("REPLAY");
    expect(codeOf(() => decodeEncryptedP1(frame, {}))).toBe("KEY");
    expect(codeOf(() => decodeEncryptedP1(frame.subarray(0, 40), keys.smarty))).toBe("TRUNCATED");
  });

  it("frames encrypted telegrams out of a stream", () => {
    const frame = fixture("openhab__smarty_lux_encrypted_frame.bin");
    const framer = new EncryptedP1Framer();
    const out = [
      ...framer.push(Buffer.concat([Buffer.from([0xdb, 0x01, 0x02]), frame.subarray(0, 50)])),
      ...framer.push(Buffer.concat([frame.subarray(50), frame])),
    ];
    expect(out).toHaveLength(2);
    expect(Buffer.compare(Buffer.from(out[1]!), frame)).toBe(0);
  });
});
