import { bcc } from "../checksums";
import { decodeError } from "../errors";
import { normaliseObisValues, parseObisCode, type ObisValue } from "../obis";
import { parseQuantity, scanObisLine } from "../text-lines";
import type { DecodedFrame } from "../reading";
import { parseIdentification, type Identification } from "./identification";

const STX = 0x02;
const ETX = 0x03;

export type DataBlockOptions = {
  /** Accept a readout without ETX/BCC (some optical heads drop them): checksum "absent". */
  allowMissingBcc?: boolean;
};

function parseLines(text: string): ObisValue[] {
  const values: ObisValue[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (!line || line === "!") continue;
    const scanned = scanObisLine(line);
    if (!scanned || scanned.args.length > 2) throw decodeError("FORMAT", `malformed data line: ${line.slice(0, 60)}`);
    const code = parseObisCode(scanned.code);
    if (!code) throw decodeError("FORMAT", `malformed OBIS code: ${scanned.code.slice(0, 30)}`);
    // Billing-period values keep their suffix (code.key), so they never overwrite the current ones.
    const q = parseQuantity(scanned.args[0]!);
    values.push(q ? { obis: code.key, value: q.value, unit: q.unit } : { obis: code.key, value: scanned.args[0]!, unit: null });
  }
  return values;
}

const meterIdCodes = new Set(["0-0:C.1.0", "1-0:0.0.0", "0-0:96.1.0", "1-0:C.1.0"]);

/**
 * A readout as the host receives it: identification line, optional echo of the option select,
 * then `STX data ! CR LF ETX BCC`. The BCC (XOR after STX up to ETX) must match.
 */
export function decodeIec62056Readout(bytes: Uint8Array, options: DataBlockOptions = {}): DecodedFrame & { identification: Identification | null } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const slash = buf.indexOf(0x2f);
  const lineEnd = slash >= 0 ? buf.indexOf(0x0a, slash) : -1;
  const identification = slash >= 0 && lineEnd > slash ? parseIdentification(buf.subarray(slash, lineEnd + 1).toString("latin1")) : null;
  const stx = buf.indexOf(STX, lineEnd + 1);
  let dataStart: number;
  let dataEnd: number;
  let checksum: DecodedFrame["checksum"];
  if (stx >= 0) {
    const etx = buf.indexOf(ETX, stx + 1);
    if (etx < 0 || etx + 1 >= buf.length) {
      if (!options.allowMissingBcc || etx >= 0) throw decodeError("TRUNCATED", etx < 0 ? "data block has no ETX" : "BCC missing after ETX");
    }
    dataStart = stx + 1;
    dataEnd = etx < 0 ? buf.length : etx;
    if (etx >= 0) {
      const expected = bcc(buf, stx + 1, etx + 1);
      if ((buf[etx + 1]! & 0x7f) !== expected) throw decodeError("CHECKSUM", `BCC 0x${buf[etx + 1]!.toString(16)} does not match the block (0x${expected.toString(16)})`);
      checksum = "valid";
    } else checksum = "absent";
  } else {
    // No STX: acceptable only when the caller allows a readout without its checksum.
    const ack = identification ? buf.indexOf(0x06, lineEnd) : -1;
    const afterAck = ack >= 0 ? buf.indexOf(0x0a, ack) + 1 : lineEnd + 1;
    if (!options.allowMissingBcc) throw decodeError("TRUNCATED", "no data block (STX … ETX BCC)");
    dataStart = afterAck;
    dataEnd = buf.length;
    checksum = "absent";
  }
  const text = buf.subarray(dataStart, dataEnd).toString("latin1");
  if (!text.includes("!")) throw decodeError("TRUNCATED", "data block has no end (!)");
  const objects = parseLines(text.slice(0, text.lastIndexOf("!")));
  const { fields, registers } = normaliseObisValues(objects, "kilo");
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
