import { describe, expect, it } from "vitest";
import { decodeSmlFile, decodeSmlFrame } from "../../../src/metering/sml/decode";
import { smlTransport } from "../../../src/metering/simulator/sml-encoder";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");

/** A server id: `0A 01`, the maker ("DZG"), then the serial number in five bytes. */
const dzgId = (serial: number, maker = "DZG") => `0b 0a01 ${Buffer.from(maker).toString("hex")} ${serial.toString(16).padStart(10, "0")}`;

/**
 * A GetList response with energy (1-0:1.8.0, 0.1 Wh) and the power sum 1-0:16.7.0 (scaler -2, W)
 * encoded as given, the way DZG DVS74 meters lay them out; the serial either as the server id or
 * as a 1-0:96.1.0 entry listed first.
 */
function dzgFrame(serial: number, power: string, serialIn: "server id" | "entry" = "server id", maker = "DZG"): Buffer {
  const entries = [
    ...(serialIn === "entry" ? [`77 07 0100600100ff 01 01 01 01 ${dzgId(serial, maker)} 01`] : []),
    "77 07 0100010800ff 01 01 62 1e 52 ff 65 0084d000 01",
    `77 07 0100100700ff 01 01 62 1b 52 fe ${power} 01`,
  ];
  const serverId = serialIn === "server id" ? dzgId(serial, maker) : "01";
  const body = `72 63 0701 77 01 ${serverId} 01 01 7${entries.length} ${entries.join(" ")} 01 01`;
  return smlTransport(hex(`76 05 00000001 62 00 62 00 ${body} 63 0000 00`));
}

describe("DZG DVS74 meters that send unsigned power as signed", () => {
  it("reads a short negative power of a meter in the affected serial ranges as unsigned (356.24 W sent as 53 8B 28)", () => {
    const frame = decodeSmlFrame(dzgFrame(42_082_910, "53 8b28"));
    expect(frame.meterId).toBe("1DZG0042082910");
    expect(frame.fields.powerImportW).toBe(356.24);
    expect(frame.fields.powerExportW).toBe(0);
    expect(frame.objects.find((o) => o.obis === "1-0:16.7.0")?.value).toBe(356.24);
    expect(frame.fields.energyImportKwh).toBe(870.4);
  });

  it("knows the meter by its 1-0:96.1.0 entry when the response carries no server id", () => {
    const frame = decodeSmlFrame(dzgFrame(56_000_001, "52 9c", "entry"));
    expect(frame.fields.powerImportW).toBe(1.56);
  });

  it("keeps a four-byte negative of the same meters (they never shorten a negative value)", () => {
    const frame = decodeSmlFrame(dzgFrame(42_082_910, "55 fffe1393"));
    expect(frame.fields.powerExportW).toBe(1260.61);
    expect(frame.fields.powerImportW).toBe(0);
  });

  it("keeps short negatives of DZG meters outside the ranges (fixed firmware) and of other makers", () => {
    expect(decodeSmlFrame(dzgFrame(60_694_611, "53 d6ca")).fields.powerExportW).toBe(105.5);
    expect(decodeSmlFrame(dzgFrame(49_000_000, "53 8b28")).fields.powerExportW).toBe(299.12);
    expect(decodeSmlFrame(dzgFrame(42_082_910, "53 8b28", "server id", "EMH")).fields.powerExportW).toBe(299.12);
  });
});

describe("SML times", () => {
  /** A GetList response whose sensor time and entry time are the given SML_Time (hex). */
  const framed = (time: string) =>
    smlTransport(
      hex(
        `76 05 00000001 62 00 62 00 72 63 0701 77 01 ${dzgId(60_000_001)} 01 ${time} 71 77 07 0100010800ff 01 ${time} 62 1e 52 ff 65 0084d000 01 01 01 63 0000 00`,
      ),
    );

  it("reads a UTC timestamp and a local one with its offsets", () => {
    expect(decodeSmlFrame(framed("72 62 02 65 5f5e1000")).timestamp).toEqual(new Date(1_600_000_000_000));
    expect(decodeSmlFrame(framed("72 62 03 73 65 5f5e1000 53 003c 53 003c")).timestamp).toEqual(new Date(1_600_000_000_000 - 120 * 60_000));
  });

  it("gives no time for values no SML_Time can hold, instead of an invalid date that breaks what prints it", () => {
    for (const time of ["72 62 02 69 ffffffffffffffff", "72 62 03 73 65 00000001 59 7fffffffffffffff 52 00"]) {
      const frame = decodeSmlFrame(framed(time));
      expect(frame.timestamp).toBeNull();
      expect(frame.objects[0]).not.toHaveProperty("timestamp");
    }
  });
});

describe("SML transport escapes", () => {
  it("reads a file whose bytes hold the escape sequence, sent doubled, and what follows it", () => {
    const file = hex(
      "76 05 00000001 62 00 62 00 72 63 0701 77 01 01 01 01 72 77 07 0100600100ff 01 01 01 01 09 1b1b1b1b1b1b1b1b 01 77 07 0100010800ff 01 01 62 1e 52 ff 65 0084d000 01 01 01 63 0000 00",
    );
    const frame = smlTransport(file);
    // At least one aligned 1B1B1B1B in the file: the frame carries it twice (padding adds at most 3).
    expect(frame.length - 16).toBeGreaterThan(file.length + 3);
    const decoded = decodeSmlFrame(frame);
    expect(decoded.meterId).toBe("1B1B1B1B1B1B1B1B");
    expect(decoded.fields.energyImportKwh).toBe(870.4);
  });
});

describe("SML files no meter sends", () => {
  it("refuses a file longer than a transport frame holds before reading it", () => {
    const message = hex("76 05 00000001 62 00 62 00 72 63 0201 71 01 63 0000 00");
    const long = Buffer.concat(Array.from({ length: Math.ceil(16_385 / message.length) }, () => message));
    expect(() => decodeSmlFile(long)).toThrow(/SML file of \d+ bytes, more than a meter sends \(16384\)/);
    expect(() => decodeSmlFile(long.subarray(0, 16_384 - (16_384 % message.length)), { transportVerified: true })).toThrow(/without a GetList response/);
  });
});
