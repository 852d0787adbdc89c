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

  it("refuses a flipped byte by its BCC", () => {
    const bytes = Buffer.from(fixture("smartmeter-obis__d0_modeC_iskra_MT174_response.bin"));
    bytes[200]! ^= 0x01;
    expect(() => decodeIec62056Readout(bytes)).toThrow(expect.objectContaining({ code: "CHECKSUM" }));
  });
});
