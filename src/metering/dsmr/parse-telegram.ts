import { crc16Arc } from "../checksums";
import { decodeError } from "../errors";
import { normaliseObisValues, parseObisCode, type ObisValue } from "../obis";
import { parseQuantity, quantityIn, scanObisLine } from "../text-lines";
import type { DecodedFrame, MbusChannelValue, PowerFailure } from "../reading";
import { parseDsmrTimestamp } from "./timestamp";

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
/** Equipment ids and messages are hex-encoded text; a value that does not decode to text stays as printed. */
function hexText(hex: string): string {
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(hex)) return hex;
  const text = Buffer.from(hex, "hex").toString("latin1");
  return /^[\x20-\x7e]*$/.test(text) ? text : hex;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;
const channelOf = (mbus: Map<number, MbusChannelValue>, n: number) =>
  mbus.get(n) ?? mbus.set(n, { channel: n, deviceType: null, equipmentId: null, value: NaN, unit: null, timestamp: null }).get(n)!;

/** The telegram's data lines, trimmed; a value continued on the next line (DSMR 2.2 gas: "(…)(m3)" then "(00001.001)") is joined to its line. */
function dataLines(text: string, from: number): string[] {
  const lines: string[] = [];
  for (let at = from; at < text.length; ) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    let a = at;
    let b = end;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    at = end + 1;
    if (a === b) continue;
    const line = text.slice(a, b);
    if (text.charCodeAt(a) === 40 && lines.length) lines[lines.length - 1] += line;
    else lines.push(line);
  }
  return lines;
}

export type DsmrOptions = {
  /** Accept a telegram whose CRC does not match (some meters compute it wrongly): "ignored". */
  ignoreCrc?: boolean;
};

/**
 * One DSMR P1 telegram (2.2 to 5.x, Belgian e-MUCS, Luxembourg Smarty plaintext), from `/` to
 * `!CRC`. The CRC (CRC-16/ARC over `/`…`!`, 1 to 4 hex digits) must match unless the telegram has
 * none (2.2). Throws MeterDecodeError on anything else.
 */
export function parseDsmrTelegram(input: Uint8Array | string, options: DsmrOptions = {}): DecodedFrame {
  const bytes = typeof input === "string" ? Buffer.from(input, "latin1") : input;
  const start = bytes.indexOf(0x2f); // "/"
  if (start < 0) throw decodeError("FORMAT", "no telegram start (/)");
  const bang = bytes.indexOf(0x21, start); // "!"
  if (bang < 0) throw decodeError("TRUNCATED", "no telegram end (!)");
  const crcText = /^[0-9A-Fa-f]{0,4}/.exec(latin1(bytes.subarray(bang + 1, bang + 5)))![0];
  let checksum: DecodedFrame["checksum"] = "absent";
  if (crcText) {
    const expected = crc16Arc(bytes, start, bang + 1);
    if (parseInt(crcText, 16) !== expected) {
      if (!options.ignoreCrc)
        throw decodeError("CHECKSUM", `CRC ${crcText.toUpperCase()} does not match the telegram (${expected.toString(16).toUpperCase().padStart(4, "0")})`);
      checksum = "ignored";
    } else checksum = "valid";
  }

  const text = latin1(bytes.subarray(start, bang));
  const headerEnd = text.indexOf("\n");
  const header = (headerEnd < 0 ? text : text.slice(0, headerEnd)).slice(1).trim();
  // "/XXX5…" for meters, "/NWA-WARMTELINK" for heat-meter gateways: a manufacturer code, then text.
  if (!/^[A-Za-z]{3}[\x20-\x7e]/.test(header)) throw decodeError("FORMAT", `not a DSMR identification line: /${header.slice(0, 40)}`);
  const lines = dataLines(text, headerEnd < 0 ? text.length : headerEnd + 1);

  const objects: ObisValue[] = [];
  const mbus = new Map<number, MbusChannelValue>();
  let meterId: string | null = null;
  // Meters without a 0-0:96.1.x equipment id: Luxembourg's Smarty names itself by its COSEM logical
  // device name (0-0:42.0.0, "SAG1030700114004"); push meters in mode D (EasyMeter, eBZ) by their
  // serial number (0-0:96.1.255, 1-0:96.1.0), else by the utility's property number (1-0:0.0.0).
  let logicalDeviceName: string | null = null;
  let serialNumber: string | null = null;
  let propertyNumber: string | null = null;
  let timestamp: Date | null = null;
  let version: string | undefined;
  let emucs = false;
  let textMessage: string | undefined;
  let powerFailures: PowerFailure[] | undefined;

  for (const line of lines) {
    const open = line.indexOf("(");
    const code = open > 0 ? parseObisCode(line.slice(0, open)) : null;
    if (!code) throw decodeError("FORMAT", `malformed line: ${line.slice(0, 60)}`);
    const { obis, cde: rest } = code;
    // Most lines: one electricity value, read in place.
    if (code.medium === 1 && code.channel === 0 && line.indexOf(")", open) === line.length - 1 && line.indexOf("(", open + 1) < 0) {
      const q = quantityIn(line, open + 1, line.length - 1);
      objects.push(q ? { obis, value: q.value, unit: q.unit } : { obis, value: line.slice(open + 1, -1), unit: null });
      if (obis === "1-0:96.1.0") serialNumber ??= line.slice(open + 1, -1) || null;
      else if (obis === "1-0:0.0.0") propertyNumber ??= line.slice(open + 1, -1) || null;
      continue;
    }
    const scanned = scanObisLine(line);
    if (!scanned) throw decodeError("FORMAT", `malformed line: ${line.slice(0, 60)}`);
    const args = scanned.args;
    const mbusChannel = code.medium === 0 ? code.channel : 0;

    // An electricity value with a timestamp before it (1-0:1.6.0 peaks).
    if (code.medium === 1 && code.channel === 0 && obis !== "1-0:99.97.0") {
      const q = parseQuantity(args[args.length - 1]!);
      objects.push(
        q
          ? { obis, value: q.value, unit: q.unit, timestamp: args.length > 1 ? parseDsmrTimestamp(args[0]!) : null }
          : { obis, value: args.join(")("), unit: null },
      );
    } else if (obis === "1-3:0.2.8") version = args[0];
    else if (obis === "0-0:96.1.4") {
      version = args[0];
      emucs = true;
    } else if (obis === "0-0:1.0.0") timestamp = parseDsmrTimestamp(args[0]!);
    else if (obis === "0-0:96.1.1" || obis === "0-0:96.1.0") meterId = /^0*$/.test(args[0]!) ? null : hexText(args[0]!);
    else if (obis === "0-0:42.0.0") logicalDeviceName = /^0*$/.test(args[0]!) ? null : hexText(args[0]!);
    else if (obis === "0-0:96.1.255") serialNumber ??= args[0] || null;
    else if (obis === "0-0:96.13.0") textMessage = hexText(args[0]!);
    else if (obis === "1-0:99.97.0") {
      // (count)(0-0:96.7.19)(end)(duration*s)…
      powerFailures = [];
      for (let i = 2; i + 1 < args.length; i += 2) {
        const duration = parseQuantity(args[i + 1]!);
        powerFailures.push({ endedAt: parseDsmrTimestamp(args[i]!), durationSeconds: duration?.value ?? NaN });
      }
    } else if (mbusChannel > 0 && rest === "24.1.0") channelOf(mbus, mbusChannel).deviceType = Number(args[0]);
    else if (mbusChannel > 0 && (rest === "96.1.0" || rest === "96.1.1"))
      channelOf(mbus, mbusChannel).equipmentId = /^0*$/.test(args[0]!) ? null : hexText(args[0]!);
    else if (mbusChannel > 0 && (rest === "24.2.1" || rest === "24.2.3" || rest === "24.3.0")) {
      // DSMR 4/5 and e-MUCS: (timestamp)(value*unit); DSMR 2.2: (ts)(..)(..)(..)(code)(unit)(value).
      const c = channelOf(mbus, mbusChannel);
      const q = rest === "24.3.0" ? parseQuantity(args.at(-1)!) : parseQuantity(args[1] ?? "");
      c.timestamp = parseDsmrTimestamp(args[0]!);
      // An empty channel prints (700101010000W)(00000000): no meter there.
      if (args[0]!.startsWith("700101") && q?.value === 0) continue;
      if (q) {
        c.value = q.value;
        c.unit = rest === "24.3.0" ? (args.at(-2) ?? null) : q.unit;
      }
    } else if (code.medium === 1) {
      const q = parseQuantity(args.at(-1)!);
      if (q) objects.push({ obis, value: q.value, unit: q.unit, timestamp: args.length > 1 ? parseDsmrTimestamp(args[0]!) : null });
      else objects.push({ obis, value: args.join(")("), unit: null });
    } else {
      // Medium 0 values with a unit or a plain number (0-0:17.0.0(999.9*kW), 0-0:96.14.0(0002)) are numbers.
      const q = args.length === 1 ? parseQuantity(args[0]!) : null;
      objects.push(q ? { obis, value: q.value, unit: q.unit } : { obis, value: args.join(")("), unit: null });
    }
  }
  if (!lines.length) throw decodeError("FORMAT", "empty telegram: an identification line and no data");
  // From DSMR 4 on (and in e-MUCS) the CRC is mandatory: a telegram without one was cut by a stray `!`.
  const mustHaveCrc = emucs || (version !== undefined && /^\d+$/.test(version) && Number(version) >= 40);
  if (checksum === "absent" && mustHaveCrc)
    throw decodeError("CHECKSUM", `a DSMR ${version ?? "e-MUCS"} telegram must end with its CRC: this one ends at a bare "!" (cut or corrupted)`);
  const channels = [...mbus.values()].filter((c) => Number.isFinite(c.value));
  const { fields, registers } = normaliseObisValues(objects, "kilo");
  return {
    protocol: "dsmr",
    meterId: meterId ?? logicalDeviceName ?? serialNumber ?? propertyNumber,
    timestamp,
    fields,
    registers,
    mbus: channels,
    objects,
    checksum,
    header,
    version,
    powerFailures,
    textMessage,
  };
}
