import { describe, expect, it } from "vitest";
import { seenFrame } from "../../../src/metering/meters/frames";
import { createStreamDecoder } from "../../../src/metering/stream-decoder";
import { fixture } from "./fixtures";

/** Feeds a capture in small chunks, as a serial port delivers it. */
function decodeInChunks(protocol: Parameters<typeof createStreamDecoder>[0], bytes: Buffer, chunk = 17) {
  const decoder = createStreamDecoder(protocol);
  const results = [];
  for (let at = 0; at < bytes.length; at += chunk) results.push(...decoder.push(bytes.subarray(at, at + chunk)));
  return [...results, ...decoder.flush()];
}

describe("frames keep the bytes they were read from", () => {
  it("a DSMR telegram, as text, from its identification line to its CRC", () => {
    const capture = fixture("athombv__dsmr5_iskra_crlf.txt");
    const [result] = decodeInChunks("dsmr", capture);
    expect("frame" in result!).toBe(true);
    const raw = Buffer.from(result!.raw!).toString("latin1");
    expect(raw.startsWith("/")).toBe(true);
    expect(capture.toString("latin1")).toContain(raw.trimEnd());
    const shown = seenFrame("m1", result!, new Date("2026-12-03T06:00:00Z"));
    expect(shown).toMatchObject({ encoding: "text", raw, bytes: raw.length, error: null, truncated: false });
  });

  it("an SML transport frame, in hex, escapes and CRC included", () => {
    const capture = fixture("smllib__holley_dtz541.bin");
    const [result] = decodeInChunks("sml", capture);
    expect(Buffer.from(result!.raw!).equals(capture.subarray(capture.indexOf("1b1b1b1b01010101", 0, "hex")).subarray(0, result!.raw!.length))).toBe(true);
    const shown = seenFrame("m1", result!, new Date());
    expect(shown.encoding).toBe("hex");
    expect(shown.raw.startsWith("1b1b1b1b01010101")).toBe(true);
    expect(shown.decoded?.energyImportKwh).not.toBeNull();
  });

  it("a refused frame keeps its bytes and says why", () => {
    const capture = Buffer.from(fixture("athombv__dsmr5_iskra_crlf.txt").toString("latin1").replace("1-0:1.8.1(", "1-0:1.8.1(9"), "latin1");
    const [result] = decodeInChunks("dsmr", capture);
    const shown = seenFrame("m1", result!, new Date());
    expect(shown.error?.code).toBe("CHECKSUM");
    expect(shown.decoded).toBeNull();
    expect(shown.raw).toContain("1-0:1.8.1(9");
  });

  it("a runaway frame is cut for display, its size kept", () => {
    const shown = seenFrame("m1", { error: new Error("x") as never, raw: new Uint8Array(10_000).fill(0x80) }, new Date());
    expect(shown).toMatchObject({ bytes: 10_000, truncated: true, encoding: "hex" });
    expect(shown.raw.length).toBe(2 * 4096);
  });
});

describe("a DLMS push in several HDLC segments", () => {
  it("keeps every link frame it came in", () => {
    const capture = fixture("athombv__dlms_aidon_example_2_segmented.bin");
    const results = decodeInChunks("dlms-hdlc", capture);
    const decoded = results.filter((r) => "frame" in r);
    expect(decoded).toHaveLength(1);
    const raw = Buffer.from(decoded[0]!.raw!);
    expect(raw[0]).toBe(0x7e);
    expect(raw.at(-1)).toBe(0x7e);
    // More than one frame: the segments' flags are all there.
    expect(raw.subarray(1, -1).includes(Buffer.from([0x7e, 0x7e])) || raw.subarray(1, -1).includes(0x7e)).toBe(true);
    expect(capture.includes(raw)).toBe(true);
  });
});
