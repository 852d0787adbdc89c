import { bcc } from "../checksums";
import { decodeError } from "../errors";
import { normaliseObisValues, parseObisCode, type ObisValue } from "../obis";
import { parseQuantity, quantityIn } from "../text-lines";
import type { DecodedFrame } from "../reading";
import { parseIdentification, type Identification } from "./identification";

// Channel 1 as well: Landis+Gyr ZMD/ZMF readouts print every code as 1-1:… (1-1:0.0.0(001LGZ0058134272)).
const meterIdCodes = new Set(["0-0:C.1.0", "1-0:0.0.0", "0-0:96.1.0", "1-0:C.1.0", "1-0:96.1.0", "1-1:0.0.0", "1-1:C.1.0", "1-1:96.1.0"]);
const STX = 0x02;
const ETX = 0x03;
const ACK = 0x06;

/**
 * The data sets of one line: `address(value)(value)…`, several per line on heat meters
 * (`6.8(0029.055*MWh)6.26(01589.28*m3)`). Null when the line is not of that form.
 */
export function scanDataSets(line: string): { address: string; args: string[] }[] | null {
  const sets: { address: string; args: string[] }[] = [];
  let at = 0;
  while (at < line.length) {
    const open = line.indexOf("(", at);
    if (open <= at) return null;
    for (let i = at; i < open; i++) {
      const c = line.charCodeAt(i);
      if (c === 41 /* ) */ || c === 47 /* / */ || c === 33 /* ! */) return null;
    }
    const address = line.slice(at, open);
    const args: string[] = [];
    at = open;
    while (line.charCodeAt(at) === 40 /* ( */) {
      const close = line.indexOf(")", at + 1);
      if (close < 0) return null;
      const next = line.indexOf("(", at + 1);
      if (next >= 0 && next < close) return null;
      args.push(line.slice(at + 1, close));
      at = close + 1;
    }
    sets.push({ address, args });
  }
  return sets;
}

/** `1703100930` (YYMMDDhhmm[ss], the meter's wall clock) → "2017-03-10T09:30". */
function localTime(text: string): string | undefined {
  if (text.length !== 10 && text.length !== 12) return undefined;
  const n: number[] = [];
  for (let i = 0; i < text.length; i += 2) {
    const hi = text.charCodeAt(i) - 48;
    const lo = text.charCodeAt(i + 1) - 48;
    if (hi < 0 || hi > 9 || lo < 0 || lo > 9) return undefined;
    n.push(hi * 10 + lo);
  }
  if (n[1]! < 1 || n[1]! > 12 || n[2]! < 1 || n[2]! > 31 || n[3]! > 23 || n[4]! > 59) return undefined;
  return `20${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4, 6)}T${text.slice(6, 8)}:${text.slice(8, 10)}${text.length === 12 ? `:${text.slice(10)}` : ""}`;
}

function parseLines(text: string): ObisValue[] {
  const values: ObisValue[] = [];
  for (let from = 0; from < text.length; ) {
    let end = text.indexOf("\n", from);
    if (end < 0) end = text.length;
    let a = from;
    let b = end;
    while (a < b && text.charCodeAt(a) <= 32) a++;
    while (b > a && text.charCodeAt(b - 1) <= 32) b--;
    from = end + 1;
    if (a === b) continue;
    // Most lines: one data set with one value, read in place in the block's text.
    const open = text.indexOf("(", a);
    if (open > a && open < b && text.indexOf(")", open) === b - 1 && !(text.indexOf("(", open + 1) < b)) {
      const parsed = parseObisCode(text.slice(a, open));
      if (parsed) {
        const q = meterIdCodes.has(parsed.key) ? null : quantityIn(text, open + 1, b - 1);
        values.push(q ? { obis: parsed.key, value: q.value, unit: q.unit } : { obis: parsed.key, value: text.slice(open + 1, b - 1), unit: null });
        continue;
      }
    }
    const line = text.slice(a, b);
    const sets = scanDataSets(line);
    if (!sets) throw decodeError("FORMAT", `malformed data line: ${line.slice(0, 60)}`);
    for (const { address, args } of sets) {
      // Billing-period values keep their suffix (code.key), so they never overwrite the current ones;
      // addresses that are not OBIS codes (F, C.1.0 on old meters…) are kept as printed.
      const code = parseObisCode(address)?.key ?? address;
      // Identifiers keep their leading zeros.
      const q = meterIdCodes.has(code) ? null : parseQuantity(args[0] ?? "");
      const value: ObisValue = { obis: code, value: q ? q.value : (args[0] ?? ""), unit: q ? q.unit : null };
      const time = args.length > 1 ? localTime(args[1]!) : undefined;
      if (time) value.localTime = time;
      values.push(value);
    }
  }
  return values;
}

function onlyLineEnds(buf: Uint8Array, from: number): boolean {
  for (let i = from; i < buf.length; i++) {
    const b = buf[i];
    if (b !== 0x0d && b !== 0x0a && b !== 0x20 && b !== 0x00) return false;
  }
  return true;
}

/**
 * A readout as the host receives it: request echo, identification line, echo of the option
 * select, then `STX data ! CR LF ETX BCC`. The BCC (XOR after STX up to ETX) must match. Meters
 * that end the block at `! CR LF` without ETX and BCC (some Itron ACE) or send no STX are
 * accepted with checksum "absent", provided nothing follows the `!` line.
 */
export function decodeIec62056Readout(bytes: Uint8Array): DecodedFrame & { identification: Identification | null } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let identification: Identification | null = null;
  let afterHeader = 0;
  // Lines before the data: a request echo (`/?!`, `/?Device!`), the identification, an ACK echo.
  for (let at = 0; at < buf.length && buf[at] !== STX; ) {
    const end = buf.indexOf(0x0a, at);
    if (end < 0) break;
    const line = buf.subarray(at, end + 1).toString("latin1");
    const slash = line.indexOf("/");
    if (slash >= 0 && line[slash + 1] === "?") afterHeader = end + 1;
    else if (slash >= 0 && !identification) {
      identification = parseIdentification(line.slice(slash));
      afterHeader = end + 1;
    } else if (line.charCodeAt(0) === ACK) afterHeader = end + 1;
    else break;
    at = end + 1;
  }
  const stx = buf.indexOf(STX, afterHeader);
  const dataStart = stx >= 0 ? stx + 1 : afterHeader;
  const bang = buf.indexOf(0x21, dataStart);
  if (bang < 0) throw decodeError("TRUNCATED", "data block has no end (!)");
  const etx = buf.indexOf(ETX, bang);
  let checksum: DecodedFrame["checksum"] = "absent";
  if (etx >= 0) {
    if (stx < 0) throw decodeError("FORMAT", "ETX without STX: the block's start is missing");
    if (etx + 1 >= buf.length) throw decodeError("TRUNCATED", "BCC missing after ETX");
    if (!onlyLineEnds(buf.subarray(0, etx), bang + 1)) throw decodeError("FORMAT", "bytes between the end of the data (!) and ETX");
    const expected = bcc(buf, stx + 1, etx + 1);
    if ((buf[etx + 1]! & 0x7f) !== expected)
      throw decodeError("CHECKSUM", `BCC 0x${buf[etx + 1]!.toString(16)} does not match the block (0x${expected.toString(16)})`);
    checksum = "valid";
  } else if (!onlyLineEnds(buf, bang + 1)) {
    throw decodeError("FORMAT", "bytes after the end of the data (!) that are not ETX and its BCC");
  }
  const objects = parseLines(buf.subarray(dataStart, bang).toString("latin1"));
  if (!objects.length) throw decodeError("FORMAT", "data block holds no data set");
  const { fields, registers } = normaliseObisValues(objects, "kwh-only");
  const id = objects.find((o) => meterIdCodes.has(o.obis));
  return {
    protocol: "iec62056-21",
    meterId: id ? String(id.value) : null,
    timestamp: null,
    fields,
    registers,
    mbus: [],
    objects,
    checksum,
    header: identification
      ? `${identification.manufacturer}${identification.baudChar}${identification.enhanced ?? ""}${identification.identification}`
      : undefined,
    identification,
  };
}
