import { crc16X25 } from "../checksums";
import type { SimulatedState } from "./load-model";

/** SML type-length field (one byte: all values here are short). */
const tl = (type: number, length: number) => Buffer.from([(type << 4) | length]);
const octets = (bytes: Uint8Array) => Buffer.concat([tl(0, bytes.length + 1), bytes]);
const unsigned = (n: number, size: number) => {
  const b = Buffer.alloc(size);
  for (let i = size - 1, v = Math.max(0, Math.round(n)); i >= 0; i--, v = Math.floor(v / 256)) b[i] = v % 256;
  return Buffer.concat([tl(6, size + 1), b]);
};
const signed = (n: number, size: number) => {
  const b = Buffer.alloc(size);
  b.writeIntBE(Math.round(n), 0, size);
  return Buffer.concat([tl(5, size + 1), b]);
};
const list = (items: Buffer[]) => Buffer.concat([tl(7, items.length), ...items]);
const SKIPPED = Buffer.from([0x01]);
const obis = (a: number, b: number, c: number, d: number, e: number, f = 255) => octets(Buffer.from([a, b, c, d, e, f]));

function message(transactionId: Buffer, tag: number, body: Buffer): Buffer {
  const head = Buffer.concat([Buffer.from([0x76]), octets(transactionId), unsigned(0, 1), unsigned(0, 1), list([unsigned(tag, 2), body])]);
  const crc = crc16X25(head);
  return Buffer.concat([head, Buffer.from([0x63, crc & 0xff, crc >> 8, 0x00])]);
}

/** An entry of the value list: OBIS, status, time, unit, scaler, value, signature. */
const entry = (code: Buffer, unit: number | null, scaler: number | null, value: Buffer) =>
  list([code, SKIPPED, SKIPPED, unit === null ? SKIPPED : unsigned(unit, 1), scaler === null ? SKIPPED : signed(scaler, 1), value, SKIPPED]);

/**
 * A German meter's SML push (SML 1.04, as EMH or ISKRA eHZ meters send it through their optical
 * interface): OpenResponse, GetListResponse with energy (0.1 Wh), signed net power 1-0:16.7.0,
 * voltage, current and frequency, CloseResponse, in a transport frame with its CRC.
 */
export function encodeSmlFile(state: SimulatedState, serverId: Buffer, secondsIndex: number, fileId: number): Buffer {
  const f = state.fields;
  const r = state.registers;
  const id = (k: number) => Buffer.from([(fileId >> 16) & 0xff, (fileId >> 8) & 0xff, fileId & 0xff, k]);
  const deciWh = (kwh: number | undefined) => unsigned((kwh ?? 0) * 10_000, 8);
  const values = [
    entry(obis(129, 129, 199, 130, 3), null, null, octets(Buffer.from("VGE"))),
    entry(obis(1, 0, 0, 0, 9), null, null, octets(serverId)),
    entry(obis(1, 0, 1, 8, 0), 30, -1, deciWh((r["1.8.1"] ?? 0) + (r["1.8.2"] ?? 0))),
    entry(obis(1, 0, 1, 8, 1), 30, -1, deciWh(r["1.8.1"])),
    entry(obis(1, 0, 1, 8, 2), 30, -1, deciWh(r["1.8.2"])),
    entry(obis(1, 0, 2, 8, 0), 30, -1, deciWh((r["2.8.1"] ?? 0) + (r["2.8.2"] ?? 0))),
    entry(obis(1, 0, 16, 7, 0), 27, -1, signed(((f.powerImportW ?? 0) - (f.powerExportW ?? 0)) * 10, 4)),
    entry(obis(1, 0, 32, 7, 0), 35, -1, unsigned((f.voltageL1V ?? 0) * 10, 2)),
    entry(obis(1, 0, 52, 7, 0), 35, -1, unsigned((f.voltageL2V ?? 0) * 10, 2)),
    entry(obis(1, 0, 72, 7, 0), 35, -1, unsigned((f.voltageL3V ?? 0) * 10, 2)),
    entry(obis(1, 0, 31, 7, 0), 33, -2, unsigned((f.currentL1A ?? 0) * 100, 2)),
    entry(obis(1, 0, 51, 7, 0), 33, -2, unsigned((f.currentL2A ?? 0) * 100, 2)),
    entry(obis(1, 0, 71, 7, 0), 33, -2, unsigned((f.currentL3A ?? 0) * 100, 2)),
    entry(obis(1, 0, 14, 7, 0), 44, -1, unsigned((f.frequencyHz ?? 0) * 10, 2)),
  ];
  const time = list([unsigned(1, 1), unsigned(secondsIndex, 4)]);
  const file = Buffer.concat([
    message(id(1), 0x0101, list([SKIPPED, SKIPPED, octets(id(0)), octets(serverId), SKIPPED, SKIPPED])),
    message(id(2), 0x0701, list([SKIPPED, octets(serverId), SKIPPED, time, list(values), SKIPPED, SKIPPED])),
    message(id(3), 0x0201, list([SKIPPED])),
  ]);
  return smlTransport(file);
}

/** Transport v1: start, the file with aligned escape sequences doubled, padding, end, CRC (low byte first). */
export function smlTransport(file: Buffer): Buffer {
  const padding = (4 - (file.length % 4)) % 4;
  const padded = Buffer.concat([file, Buffer.alloc(padding)]);
  const chunks: Buffer[] = [Buffer.from("1b1b1b1b01010101", "hex")];
  for (let at = 0; at < padded.length; at += 4) {
    const chunk = padded.subarray(at, at + 4);
    chunks.push(chunk);
    if (chunk.readUInt32BE(0) === 0x1b1b1b1b) chunks.push(chunk);
  }
  chunks.push(Buffer.from([0x1b, 0x1b, 0x1b, 0x1b, 0x1a, padding]));
  const frame = Buffer.concat(chunks);
  const crc = crc16X25(frame);
  return Buffer.concat([frame, Buffer.from([crc & 0xff, crc >> 8])]);
}
