import { describe, expect, it } from "vitest";
import { decodeCapture, type CaptureOptions } from "../../../src/metering/decode-capture";
import type { DecodedFrame } from "../../../src/metering/reading";
import { fixture, hex } from "./fixtures";

type CatalogEntry = {
  file: string;
  hex?: boolean;
  protocol: CaptureOptions["protocol"];
  lenient?: boolean;
  keys?: { key?: string; authKey?: string };
  dlmsProfile?: CaptureOptions["dlmsProfile"];
  frames: (Pick<DecodedFrame, "protocol" | "checksum" | "meterId" | "fields" | "registers"> & { timestamp: string | null; mbus?: unknown[] })[];
  errors?: string[];
};

/** Every capture of tests/fixtures/meter-telegrams with what it decodes to (see the README there). */
const catalog: CatalogEntry[] = JSON.parse(fixture("catalog.json").toString());

const bytesOf = (entry: CatalogEntry) => (entry.hex ? hex(fixture(entry.file).toString().trim()) : fixture(entry.file));
const decode = (entry: CatalogEntry, bytes: Uint8Array) =>
  decodeCapture(bytes, {
    protocol: entry.protocol,
    lenient: entry.lenient,
    dlmsProfile: entry.dlmsProfile,
    keys: { key: entry.keys?.key ? hex(entry.keys.key) : undefined, authKey: entry.keys?.authKey ? hex(entry.keys.authKey) : undefined },
  });
const summary = (frame: DecodedFrame) => ({
  protocol: frame.protocol,
  checksum: frame.checksum,
  meterId: frame.meterId,
  timestamp: frame.timestamp?.toISOString() ?? null,
  fields: frame.fields,
  registers: frame.registers,
  ...(frame.mbus.length ? { mbus: frame.mbus.map((m) => ({ channel: m.channel, equipmentId: m.equipmentId, value: m.value, unit: m.unit })) } : {}),
});

describe("real captures decode to what their meters published", () => {
  it.each(catalog.map((e) => [e.file, e] as const))("%s", (_, entry) => {
    const results = decode(entry, bytesOf(entry));
    expect(results.flatMap((r) => ("frame" in r ? [summary(r.frame)] : []))).toEqual(entry.frames);
    expect(results.flatMap((r) => ("error" in r ? [r.error.code] : []))).toEqual(entry.errors ?? []);
  });
});

describe("a corrupted twin of each checked capture is refused", () => {
  const checked = catalog.filter((e) => e.frames.length && e.frames.every((f) => f.checksum === "valid"));
  it.each(checked.map((e) => [e.file, e] as const))("%s", (_, entry) => {
    const original = bytesOf(entry);
    // One bit in the last frame's body, where every protocol's checksum covers it.
    const twin = Buffer.from(original);
    twin[Math.floor(twin.length * 0.7)]! ^= 0x01;
    const results = decode(entry, twin);
    expect(results.some((r) => "error" in r)).toBe(true);
    expect(results.filter((r) => "frame" in r).length).toBeLessThan(entry.frames.length);
  });
});

/** Values the captures' upstream projects assert in their own tests, checked here independently of the catalog. */
describe("values published upstream", () => {
  const first = (file: string, options: CaptureOptions = {}) => {
    const entry = catalog.find((e) => e.file === file)!;
    const [result] = decodeCapture(bytesOf(entry), { protocol: entry.protocol, ...options });
    if (!result || !("frame" in result)) throw new Error(`${file} did not decode`);
    return result.frame;
  };

  it("Landis+Gyr E450, Swiss customer interface (capture-object list, scs/smartmeter-datacollector)", () => {
    const f = first("scs__lgz_e450_ch_push_vse2026.bin");
    expect(f.meterId).toBe("LGZ1030653520967");
    expect(f.timestamp).toEqual(new Date("2026-05-04T11:39:21Z"));
    expect(f.fields).toMatchObject({
      powerImportW: 28,
      powerExportW: 0,
      energyImportKwh: 482.939,
      energyExportKwh: 0,
      reactiveImportKvarh: 0.037,
      reactiveExportKvarh: 344.697,
      voltageL1V: 236,
      voltageL2V: 236,
      voltageL3V: 0,
      currentL1A: 0.09,
      currentL2A: 0.08,
      currentL3A: 0,
    });
    expect(first("scs__lgz_e450_ch_push.bin")).toMatchObject({ meterId: "LGZ1030655933512", timestamp: new Date("2021-07-06T14:58:18Z") });
  });

  it("Landis+Gyr E360 pushes tenths of a volt, Iskra AM550 likewise (scs/smartmeter-datacollector)", () => {
    expect(first("scs__lgz_e360_ch_push_vse2026.bin").fields).toMatchObject({
      powerImportW: 11,
      energyImportKwh: 21.956,
      energyExportKwh: 4.547,
      reactiveImportKvarh: 27.256,
      reactiveExportKvarh: 4.432,
      voltageL1V: 235.7,
      currentL1A: 0.06,
    });
    const isk = first("scs__isk_am550_ch_push_vse2026.bin");
    expect(isk).toMatchObject({ meterId: "ISK1030783821282", timestamp: new Date("2026-05-04T17:19:30Z") });
    expect(isk.fields).toMatchObject({
      powerImportW: 27,
      energyImportKwh: 15.207,
      energyExportKwh: 8.987,
      reactiveImportKvarh: 12.784,
      reactiveExportKvarh: 5.654,
      voltageL1V: 234.7,
      currentL1A: 0.12,
    });
  });

  it("Kaifa lists without scaler (KFM_001) and without codes (toreamun/amshan)", () => {
    const se = first("amshan__kaifa_se_list.apdu.hex");
    expect(se.meterId).toBe("7340734073407340");
    expect(se.timestamp).toEqual(new Date("2021-09-22T16:35:30Z"));
    expect(se.fields).toMatchObject({
      powerImportW: 2816,
      currentL1A: 6.781,
      currentL2A: 0.79,
      currentL3A: 6.125,
      voltageL1V: 232.2,
      voltageL2V: 230,
      voltageL3V: 228.9,
      energyImportKwh: 4786.979,
      reactiveExportKvarh: 578.528,
    });
    const no3 = first("amshan__kaifa_no_list_3.apdu.hex");
    expect(no3.meterId).toBe("6970631402614476");
    expect(no3.fields).toMatchObject({
      powerImportW: 4904,
      reactivePowerExportVar: 377,
      currentL1A: 14.571,
      currentL2A: 15.643,
      currentL3A: 9.525,
      voltageL1V: 219.3,
      voltageL3V: 220.5,
      energyImportKwh: 79591.144,
      reactiveImportKvarh: 889.389,
      reactiveExportKvarh: 3210.932,
    });
    expect(first("amshan__kaifa_no_list_2.apdu.hex").fields).toMatchObject({
      powerImportW: 9745,
      currentL1A: 33.813,
      currentL2A: 28.103,
      currentL3A: 18.178,
      voltageL1V: 216.8,
      voltageL3V: 218.8,
    });
    expect(first("amshan__kaifa_no_list_1.apdu.hex").fields).toEqual({ powerImportW: 5852 });
  });

  it("Kamstrup list Kamstrup_V0001: meter number under 1-1:0.0.5, centiamperes and 10 Wh steps (amshan, dlms_parser)", () => {
    const se = first("amshan__kamstrup_se_list_real_sample.apdu.hex");
    expect(se.meterId).toBe("5705705705705707");
    expect(se.fields).toMatchObject({ powerImportW: 826, reactivePowerImportVar: 104, reactivePowerExportVar: 176, currentL1A: 2.37, voltageL1V: 232 });
    expect(first("amshan__kamstrup_no_list_2_single_phase_real_sample.apdu.hex").fields).toMatchObject({ energyImportKwh: 77452.5 });
    const omnipower = first("dlms_parser__hdlc_kamstrup_omnipower.bin", {
      keys: { key: hex("00112233445566778899AABBCCDDEEFF"), authKey: hex("FFEEDDCCBBAA99887766554433221100") },
    });
    expect(omnipower.timestamp).toEqual(new Date("2026-03-12T15:24:30Z"));
    expect(omnipower.fields).toMatchObject({ powerImportW: 1083, reactivePowerExportVar: 718, voltageL1V: 222, currentL2A: 2.28, powerFactor: 0.83 });
  });

  it("Aidon lists with scaler-unit structures and the clock in the list (amshan, dlms_parser)", () => {
    expect(first("amshan__aidon_se_list.apdu.hex")).toMatchObject({
      timestamp: new Date("2019-12-16T07:59:40Z"),
      fields: expect.objectContaining({ powerImportW: 1122, currentL2A: 7.5, voltageL1V: 230.7, energyImportKwh: 10049.926 }),
    });
    expect(first("amshan__aidon_no_list_2.apdu.hex").meterId).toBe("7359992892587665");
  });

  it("Iskra AM550 lists without codes (Slovenian distributors, athombv/node-dsmr-parser)", () => {
    expect(first("athombv__dlms_slovenia_list_1.bin")).toMatchObject({
      meterId: "ISK1030783826316",
      fields: expect.objectContaining({ voltageL3V: 234.6, powerImportW: 0 }),
    });
    expect(first("athombv__dlms_slovenia_list_2.bin").fields).toMatchObject({ energyImportKwh: 3.81, energyExportKwh: 0 });
  });

  it("DSMR variants (ndokter/dsmr_parser)", () => {
    const fluvius = first("dsmr_parser__fluvius_v171.txt");
    expect(fluvius.mbus).toEqual([
      expect.objectContaining({ channel: 1, equipmentId: "7FLO2119033733", value: 112.384, unit: "m3" }),
      expect.objectContaining({ channel: 2, equipmentId: "8SAG1234567890", value: 872.234, unit: "m3" }),
    ]);
    expect(fluvius.objects).toContainEqual({ obis: "0-0:17.0.0", value: 999.9, unit: "kW" });
    const heat = first("dsmr_parser__nwa_warmtelink_unpadded_crc.txt");
    expect(heat).toMatchObject({ checksum: "valid", header: "NWA-WARMTELINK", mbus: [expect.objectContaining({ value: 240.86, unit: "GJ" })] });
  });

  it("SML meters: EMH through smartmeter-obis, Holley with its CRC-16/KERMIT (SmlLib)", () => {
    const emh = first("smartmeter-obis__sml_emh.bin");
    expect(emh).toMatchObject({ protocol: "sml", header: "EMH" });
    expect(emh.registers["1.8.1"]).toBe(15338.5557);
    expect(emh.objects).toContainEqual(expect.objectContaining({ obis: "129-129:199.130.3", value: "EMH" }));
    expect(first("smllib__holley_kermit_crc.bin").fields).toMatchObject({ frequencyHz: 50, voltageL1V: 236 });
  });

  it("IEC 62056-21 heat meter: request echo, several data sets per line, no block check (smartmeter-obis)", () => {
    const heat = first("smartmeter-obis__d0_heat_meter_request_echo.txt");
    expect(heat.checksum).toBe("absent");
    expect(heat.objects).toContainEqual({ obis: "1-0:6.8.0", value: 29.055, unit: "MWh" });
    expect(heat.objects).toContainEqual({ obis: "1-0:9.20.0", value: 64030874, unit: null });
    const mt174 = first("smartmeter-obis__d0_modeC_iskra_MT174_response.bin");
    expect(mt174.objects).toContainEqual({ obis: "1-0:1.6.0", value: 2.468, unit: "kW", localTime: "2017-03-10T09:30" });
  });
});
