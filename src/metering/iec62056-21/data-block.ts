import { bcc } from "../checksums";
import { decodeError } from "../errors";
import { normaliseObisValues, parseObisCode, type ObisValue } from "../obis";
import { parseQuantity } from "../text-lines";
import type { DecodedFrame } from "../reading";
import { parseIdentification, type Identification } from "./identification";

const meterIdCodes = new Set(["0-0:C.1.0", "1-0:0.0.0", "0-0:96.1.0", "1-0:C.1.0", "1-0:96.1.0"]);
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
    const address = line.slice(at, open);
    if (/[()/!]/.test(address)) return null;
    const args: string[] = [];
    at = open;
    while (line.charCodeAt(at) === 40 /* ( */) {
      const close = line.indexOf(")", at + 1);
      if (close < 0) return null;
      const arg = line.slice(at + 1, close);
      if (arg.includes("(")) return null;
      args.push(arg);
      at = close + 1;
    }
    sets.push({ address, args });
  }
  return sets;
}

/** `1703100930` (YYMMDDhhmm, the meter's wall clock) → "2017-03-10T09:30". */
function localTime(text: string | undefined): string | undefined {
  const m = text ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?$/.exec(text) : null;
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31 || Number(m[4]) > 23 || Number(m[5]) > 59) return undefined;
  return `20${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ""}`;
}

function parseLines(text: string): ObisValue[] {
  const values: ObisValue[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const sets = scanDataSets(line);
    if (!sets) throw decodeError("FORMAT", `malformed data line: ${line.slice(0, 60)}`);
    for (const { address, args } of sets) {
      // Billing-period values keep their suffix (code.key), so they never overwrite the current ones;
      // addresses that are not OBIS codes (F, C.1.0 on old meters…) are kept as printed.
      const code = parseObisCode(address)?.key ?? address;
      // Identifiers keep their leading zeros.
      const q = meterIdCodes.has(code) ? null : parseQuantity(args[0] ?? "");
      const time = localTime(args[1]);
      values.push({ obis: code, value: q ? q.value : (args[0] ?? ""), unit: q ? q.unit : null, ...(time ? { localTime: time } : {}) });
    }
  }
  return values;
}

const onlyLineEnds = (buf: Buffer, from: number) => buf.subarray(from).every((b) => b === 0x0d || b === 0x0a || b === 0x20 || b === 0x00);

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
    if ((buf[etx + 1]! & 0x7f) !== expected) throw decodeError("CHECKSUM", `BCC 0x${buf[etx + 1]!.toString(16)} does not match the block (0x${expected.toString(16)})`);
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
    header: identification ? `${identification.manufacturer}${identification.baudChar}${identification.enhanced ?? ""}${identification.identification}` : undefined,
    identification,
  };
}
