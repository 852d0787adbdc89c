import { createCipheriv } from "node:crypto";
import { zonedParts, offsetMinutes } from "../../lib/time-zone";
import { bcc, crc16Arc, crc16X25 } from "../checksums";
import type { SimulatedState } from "./load-model";

const DSMR_ZONE = "Europe/Amsterdam";

function dsmrTimestamp(t: Date): string {
  const p = zonedParts(t, DSMR_ZONE);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(p.year % 100)}${two(p.month)}${two(p.day)}${two(p.hour)}${two(p.minute)}${two(p.second)}${offsetMinutes(t, DSMR_ZONE) === 120 ? "S" : "W"}`;
}

const fixed = (value: number | undefined, width: number, decimals: number) => (value ?? 0).toFixed(decimals).padStart(width, "0");

/** A DSMR 5.0 telegram of the simulated state, CRC included. */
export function encodeDsmrTelegram(state: SimulatedState, t: Date, meterId: string): Buffer {
  const f = state.fields;
  const r = state.registers;
  const lines = [
    "/LGZ5\\2E450-SIM",
    "",
    "1-3:0.2.8(50)",
    `0-0:1.0.0(${dsmrTimestamp(t)})`,
    `0-0:96.1.1(${Buffer.from(meterId).toString("hex").toUpperCase()})`,
    `1-0:1.8.1(${fixed(r["1.8.1"], 10, 3)}*kWh)`,
    `1-0:1.8.2(${fixed(r["1.8.2"], 10, 3)}*kWh)`,
    `1-0:2.8.1(${fixed(r["2.8.1"], 10, 3)}*kWh)`,
    `1-0:2.8.2(${fixed(r["2.8.2"], 10, 3)}*kWh)`,
    "0-0:96.14.0(0001)",
    `1-0:1.7.0(${fixed((f.powerImportW ?? 0) / 1000, 6, 3)}*kW)`,
    `1-0:2.7.0(${fixed((f.powerExportW ?? 0) / 1000, 6, 3)}*kW)`,
    `1-0:32.7.0(${fixed(f.voltageL1V, 5, 1)}*V)`,
    `1-0:52.7.0(${fixed(f.voltageL2V, 5, 1)}*V)`,
    `1-0:72.7.0(${fixed(f.voltageL3V, 5, 1)}*V)`,
    `1-0:31.7.0(${fixed(f.currentL1A, 6, 2)}*A)`,
    `1-0:51.7.0(${fixed(f.currentL2A, 6, 2)}*A)`,
    `1-0:71.7.0(${fixed(f.currentL3A, 6, 2)}*A)`,
    `1-0:21.7.0(${fixed((f.powerL1W ?? 0) / 1000, 6, 3)}*kW)`,
    `1-0:41.7.0(${fixed((f.powerL2W ?? 0) / 1000, 6, 3)}*kW)`,
    `1-0:61.7.0(${fixed((f.powerL3W ?? 0) / 1000, 6, 3)}*kW)`,
    "!",
  ];
  const body = Buffer.from(lines.join("\r\n"), "latin1");
  return Buffer.concat([body, Buffer.from(`${crc16Arc(body).toString(16).toUpperCase().padStart(4, "0")}\r\n`, "latin1")]);
}

/** An IEC 62056-21 data block (STX … ! CR LF ETX BCC) of the simulated state. */
export function encodeIecDataBlock(state: SimulatedState, meterId: string): Buffer {
  const f = state.fields;
  const r = state.registers;
  const lines = [
    `0.0.0(${meterId})`,
    `1.8.0(${fixed((r["1.8.1"] ?? 0) + (r["1.8.2"] ?? 0), 10, 3)}*kWh)`,
    `1.8.1(${fixed(r["1.8.1"], 10, 3)}*kWh)`,
    `1.8.2(${fixed(r["1.8.2"], 10, 3)}*kWh)`,
    `2.8.0(${fixed((r["2.8.1"] ?? 0) + (r["2.8.2"] ?? 0), 10, 3)}*kWh)`,
    `1.7.0(${fixed((f.powerImportW ?? 0) / 1000, 6, 3)}*kW)`,
    `2.7.0(${fixed((f.powerExportW ?? 0) / 1000, 6, 3)}*kW)`,
    `32.7.0(${fixed(f.voltageL1V, 5, 1)}*V)`,
    `52.7.0(${fixed(f.voltageL2V, 5, 1)}*V)`,
    `72.7.0(${fixed(f.voltageL3V, 5, 1)}*V)`,
    `31.7.0(${fixed(f.currentL1A, 6, 2)}*A)`,
    `51.7.0(${fixed(f.currentL2A, 6, 2)}*A)`,
    `71.7.0(${fixed(f.currentL3A, 6, 2)}*A)`,
    `14.7.0(${fixed(f.frequencyHz, 5, 2)}*Hz)`,
    `13.7.0(${fixed(f.powerFactor, 5, 3)})`,
    "!",
    "",
  ];
  const data = Buffer.from(`${lines.join("\r\n")}\x03`, "latin1");
  return Buffer.concat([Buffer.from([0x02]), data, Buffer.from([bcc(data, 0, data.length)])]);
}

// ─── DLMS push ───────────────────────────────────────────────────────────────

const obisBytes = (code: string) => Buffer.from([0x09, 0x06, ...code.split(/[-:.]/).map(Number), 0xff]);
const u32 = (n: number) => Buffer.from([0x06, ...numberBytes(Math.max(0, Math.round(n)), 4)]);
const i32 = (n: number) => Buffer.from([0x05, ...numberBytes(Math.round(n) >>> 0, 4)]);
const u16 = (n: number) => Buffer.from([0x12, ...numberBytes(Math.max(0, Math.round(n)) & 0xffff, 2)]);
const i16 = (n: number) => Buffer.from([0x10, ...numberBytes(Math.round(n) & 0xffff, 2)]);
const scalerUnit = (scaler: number, unit: number) => Buffer.from([0x02, 0x02, 0x0f, scaler & 0xff, 0x16, unit]);
function numberBytes(n: number, size: number): number[] {
  return Array.from({ length: size }, (_, i) => Math.floor(n / 256 ** (size - 1 - i)) % 256);
}

function cosemDateTime(t: Date): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16BE(t.getUTCFullYear(), 0);
  b[2] = t.getUTCMonth() + 1;
  b[3] = t.getUTCDate();
  b[4] = t.getUTCDay() === 0 ? 7 : t.getUTCDay();
  b[5] = t.getUTCHours();
  b[6] = t.getUTCMinutes();
  b[7] = t.getUTCSeconds();
  b[8] = 0xff;
  b.writeInt16BE(0, 9);
  b[11] = 0x00;
  return b;
}

/** The E450 data notification: time, then (OBIS, value, scaler-unit) for each quantity. */
export function encodeDataNotification(state: SimulatedState, t: Date, invokeId: number): Buffer {
  const f = state.fields;
  const r = state.registers;
  const wh = (kwh: number | undefined) => (kwh ?? 0) * 1000;
  const entries: Buffer[][] = [
    [obisBytes("1-0:1.8.0"), u32(wh((r["1.8.1"] ?? 0) + (r["1.8.2"] ?? 0))), scalerUnit(0, 30)],
    [obisBytes("1-0:1.8.1"), u32(wh(r["1.8.1"])), scalerUnit(0, 30)],
    [obisBytes("1-0:1.8.2"), u32(wh(r["1.8.2"])), scalerUnit(0, 30)],
    [obisBytes("1-0:2.8.0"), u32(wh((r["2.8.1"] ?? 0) + (r["2.8.2"] ?? 0))), scalerUnit(0, 30)],
    [obisBytes("1-0:1.7.0"), i32(f.powerImportW ?? 0), scalerUnit(0, 27)],
    [obisBytes("1-0:2.7.0"), i32(f.powerExportW ?? 0), scalerUnit(0, 27)],
    [obisBytes("1-0:32.7.0"), u16((f.voltageL1V ?? 0) * 10), scalerUnit(-1, 35)],
    [obisBytes("1-0:52.7.0"), u16((f.voltageL2V ?? 0) * 10), scalerUnit(-1, 35)],
    [obisBytes("1-0:72.7.0"), u16((f.voltageL3V ?? 0) * 10), scalerUnit(-1, 35)],
    [obisBytes("1-0:31.7.0"), u16((f.currentL1A ?? 0) * 100), scalerUnit(-2, 33)],
    [obisBytes("1-0:51.7.0"), u16((f.currentL2A ?? 0) * 100), scalerUnit(-2, 33)],
    [obisBytes("1-0:71.7.0"), u16((f.currentL3A ?? 0) * 100), scalerUnit(-2, 33)],
    [obisBytes("1-0:14.7.0"), u16((f.frequencyHz ?? 0) * 100), scalerUnit(-2, 44)],
    [obisBytes("1-0:13.7.0"), i16((f.powerFactor ?? 0) * 1000), scalerUnit(-3, 255)],
  ];
  const body = Buffer.concat([Buffer.from([0x02, 1 + entries.length * 3, 0x09, 0x0c]), cosemDateTime(t), ...entries.flat()]);
  return Buffer.concat([Buffer.from([0x0f, ...numberBytes(invokeId, 4), 0x0c]), cosemDateTime(t), body]);
}

const captureObject = (classId: number, code: string, attribute: number) =>
  Buffer.concat([Buffer.from([0x02, 0x04, 0x12, 0x00, classId]), obisBytes(code), Buffer.from([0x0f, attribute, 0x12, 0x00, 0x00])]);
const text = (s: string) => Buffer.concat([Buffer.from([0x09, s.length]), Buffer.from(s, "latin1")]);

/**
 * The E450's push on the Swiss customer interface (CII): a structure whose first value is the
 * push object list, then each captured value without scaler (V, 0.01 A, W, Wh, 0.001 power factor,
 * the E450's documented units), the meter's logical device name and clock among them.
 */
export function encodeCaptureObjectPush(state: SimulatedState, t: Date, invokeId: number, logicalDeviceName: string): Buffer {
  const f = state.fields;
  const r = state.registers;
  const wh = (kwh: number | undefined) => u32((kwh ?? 0) * 1000);
  const values: [number, string, Buffer][] = [
    [1, "0-0:42.0.0", text(logicalDeviceName)],
    [8, "0-0:1.0.0", Buffer.concat([Buffer.from([0x09, 0x0c]), cosemDateTime(t)])],
    [3, "1-1:1.8.0", wh((r["1.8.1"] ?? 0) + (r["1.8.2"] ?? 0))],
    [3, "1-1:2.8.0", wh((r["2.8.1"] ?? 0) + (r["2.8.2"] ?? 0))],
    [3, "1-0:1.7.0", u32(f.powerImportW ?? 0)],
    [3, "1-0:2.7.0", u32(f.powerExportW ?? 0)],
    [3, "1-0:32.7.0", u16(f.voltageL1V ?? 0)],
    [3, "1-0:52.7.0", u16(f.voltageL2V ?? 0)],
    [3, "1-0:72.7.0", u16(f.voltageL3V ?? 0)],
    [3, "1-0:31.7.0", u16((f.currentL1A ?? 0) * 100)],
    [3, "1-0:51.7.0", u16((f.currentL2A ?? 0) * 100)],
    [3, "1-0:71.7.0", u16((f.currentL3A ?? 0) * 100)],
    [3, "1-0:13.7.0", u16((f.powerFactor ?? 0) * 1000)],
  ];
  const list = [captureObject(40, "0-8:25.9.0", 2), ...values.map(([classId, code]) => captureObject(classId, code, 2))];
  const body = Buffer.concat([Buffer.from([0x02, list.length, 0x01, list.length]), ...list, ...values.map(([, , v]) => v)]);
  return Buffer.concat([Buffer.from([0x0f, ...numberBytes(invokeId, 4), 0x0c]), cosemDateTime(t), body]);
}

/** An APDU cut into general-block-transfer blocks of at most `size` bytes, as the E450 sends long pushes. */
export function generalBlockTransfer(apdu: Buffer, size: number): Buffer[] {
  const blocks: Buffer[] = [];
  for (let at = 0, n = 1; at < apdu.length; at += size, n++) {
    const data = apdu.subarray(at, at + size);
    const last = at + size >= apdu.length;
    blocks.push(Buffer.concat([Buffer.from([0xe0, last ? 0xc0 : 0x40, n >> 8, n & 0xff, 0x00, 0x00, ...berLengthBytes(data.length)]), data]));
  }
  return blocks;
}

const berLengthBytes = (n: number) => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);

/** general-glo-ciphering with security 0x30 (AES-128-GCM, 12-byte tag). */
export function cipherGeneralGlo(apdu: Buffer, keys: { key: Uint8Array; authKey: Uint8Array }, systemTitle: Buffer, frameCounter: number): Buffer {
  const fc = Buffer.from(numberBytes(frameCounter, 4));
  const cipher = createCipheriv("aes-128-gcm", keys.key, Buffer.concat([systemTitle, fc]), { authTagLength: 12 });
  cipher.setAAD(Buffer.concat([Buffer.from([0x30]), keys.authKey]));
  const body = Buffer.concat([cipher.update(apdu), cipher.final()]);
  const content = Buffer.concat([Buffer.from([0x30]), fc, body, cipher.getAuthTag()]);
  return Buffer.concat([Buffer.from([0xdb, 0x08]), systemTitle, Buffer.from(berLengthBytes(content.length)), content]);
}

/** One HDLC frame (type 3) from the meter to the client, with LLC, HCS and FCS. */
export function hdlcFrame(apdu: Buffer, withLlc = true): Buffer {
  const header = [0xce, 0xff, 0x03, 0x13];
  const info = withLlc ? Buffer.concat([Buffer.from([0xe6, 0xe7, 0x00]), apdu]) : apdu;
  const length = 2 + header.length + 2 + info.length + 2;
  const head = Buffer.from([0xa0 | ((length >> 8) & 0x07), length & 0xff, ...header]);
  const hcs = crc16X25(head);
  const withHcs = Buffer.concat([head, Buffer.from([hcs & 0xff, hcs >> 8]), info]);
  const fcs = crc16X25(withHcs);
  return Buffer.concat([Buffer.from([0x7e]), withHcs, Buffer.from([fcs & 0xff, fcs >> 8, 0x7e])]);
}
