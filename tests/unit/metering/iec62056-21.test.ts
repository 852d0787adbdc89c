import { describe, expect, it } from "vitest";
import { bcc } from "../../../src/metering/checksums";
import { MeterDecodeError } from "../../../src/metering/errors";
import { decodeIec62056Readout } from "../../../src/metering/iec62056-21/data-block";
import { ackReadout, parseIdentification } from "../../../src/metering/iec62056-21/identification";
import { fixture, hex } from "./fixtures";

describe("IEC 62056-21", () => {
  it("computes the BCC of the published vectors", () => {
    const lines = fixture("pwitab-iec62056-21__bcc_vectors.txt")
      .toString()
      .split("\n")
      .filter((l) => /^[0-9a-f]/.test(l));
    for (const line of lines) {
      const [frame, expected] = line.includes(" ") ? line.split(" ") : [line.slice(0, -2), line.slice(-2)];
      const bytes = hex(frame!);
      const start = bytes[0] === 0x01 || bytes[0] === 0x02 ? 1 : 0;
      expect(bcc(bytes, start, bytes.length)).toBe(parseInt(expected!, 16));
    }
  });

  it("parses identifications: manufacturer, baud character, reaction time", () => {
    expect(parseIdentification("/ISk5MT174-0001\r\n")).toMatchObject({
      manufacturer: "ISk",
      baudRate: 9600,
      mode: "C",
      reactionTimeMs: 20,
      identification: "MT174-0001",
    });
    expect(parseIdentification("/ELS5\\@V9.30 \r\n")).toMatchObject({ manufacturer: "ELS", reactionTimeMs: 200, enhanced: "\\@", identification: "V9.30" });
    expect(parseIdentification("/LGZ4ZMD3104100\r\n")).toMatchObject({ baudRate: 4800 });
    expect(parseIdentification("/ABCE123\r\n")).toMatchObject({ mode: "B", baudRate: 9600 });
    expect(Buffer.from(ackReadout("5")).toString("latin1")).toBe("\x06050\r\n");
    expect(() => parseIdentification("ISk5MT174")).toThrow(MeterDecodeError);
  });

  it("decodes the Iskra MT174 mode C readout to the README's values", () => {
    const r = decodeIec62056Readout(fixture("smartmeter-obis__d0_modeC_iskra_MT174_response.bin"));
    expect(r.checksum).toBe("valid");
    expect(r.identification).toMatchObject({ manufacturer: "ISk", identification: "MT174-0001" });
    expect(r.fields).toMatchObject({ energyImportKwh: 8048.375, powerImportW: 908 });
    expect(r.objects.find((o) => o.obis === "1-0:1.8.1*7")).toMatchObject({ value: 6334.294, unit: "kWh" });
    expect(r.objects.find((o) => o.obis === "1-0:1.6.0")).toMatchObject({ value: 2.468, unit: "kW" });
  });

  it("accepts a block that ends at ! CR LF without ETX and BCC, marked without checksum", () => {
    const els = decodeIec62056Readout(fixture("smartmeter-obis__d0_elster_ELS5_ack_response.bin"));
    expect(els.checksum).toBe("absent");
    expect(els.fields).toEqual({ energyImportKwh: 285.4, energyExportKwh: 120.1 });
  });

  it("reads the value forms meters print besides the standard's: a plus sign, a unit without its star, every code under channel 1", () => {
    const readout = (identification: string, lines: string[]) => {
      const head = Buffer.from(`${identification}\r\n\x02`, "latin1");
      const all = Buffer.concat([head, Buffer.from(`${lines.join("\r\n")}\r\n!\r\n\x03`, "latin1")]);
      return Buffer.concat([all, Buffer.from([bcc(all, head.length, all.length)])]);
    };
    // Itron: signed currents; MetCom: "123.34kWh"; Landis+Gyr ZMD: 1-1:… codes, signed phase powers.
    const itron = decodeIec62056Readout(readout("/ITR5EM214", ["0.0.0(1240007670003202)", "1.7.0(00.49*kW)", "31.7.0(+000.8*A)", "0.2.0(V01.69#EEA3546C)"]));
    expect(itron.fields).toMatchObject({ powerImportW: 490, currentL1A: 0.8 });
    const metcom = decodeIec62056Readout(
      readout("/MCS5\\@V0050710000051", ["1-0:0.0.0(10000051)", "1-0:0.9.1(14:45:59)", "1-0:1.8.1(123.34kWh)", "1-0:1.8.2(37.57kWh)"]),
    );
    expect(metcom.registers).toEqual({ "1.8.1": 123.34, "1.8.2": 37.57 });
    expect(metcom.fields.energyImportKwh).toBe(160.91);
    const zmd = decodeIec62056Readout(
      readout("/LGZ5ZMD3104107.B32", [
        "1-1:F.F(00000000)",
        "1-1:0.0.0(001LGZ0058134272)",
        "1-1:1.8.0(0018788.9*kWh)",
        "1-1:1.8.0*62(0018750.0)",
        "1-1:36.7.0(-002.5*kW)",
      ]),
    );
    expect(zmd.meterId).toBe("001LGZ0058134272");
    expect(zmd.fields).toMatchObject({ energyImportKwh: 18788.9, powerL1W: 0, powerExportL1W: 2500 });
    // Not quantities: a firmware version, a time, an id starting with digits.
    const others = decodeIec62056Readout(readout("/XYZ5TEST", ["0.2.0(V01.69)", "0.9.1(14:45:59)", "0.2.2(12ESY34)", "0.2.3(12A)"]));
    expect(others.objects.map((o) => o.value)).toEqual(["V01.69", "14:45:59", "12ESY34", 12]);
  });

  it("refuses a flipped byte by its BCC", () => {
    const bytes = Buffer.from(fixture("smartmeter-obis__d0_modeC_iskra_MT174_response.bin"));
    bytes[200]! ^= 0x01;
    expect(() => decodeIec62056Readout(bytes)).toThrow(expect.objectContaining({ code: "CHECKSUM" }));
  });
});
