import { decodeError } from "../errors";

/** Mode C baud characters (the meter's highest rate); mode B uses A–F. */
const modeCBaud: Record<string, number> = { "0": 300, "1": 600, "2": 1200, "3": 2400, "4": 4800, "5": 9600, "6": 19200 };
const modeBBaud: Record<string, number> = { A: 600, B: 1200, C: 2400, D: 4800, E: 9600, F: 19200 };

export type Identification = {
  manufacturer: string;
  baudChar: string;
  /** The rate the meter offers: mode C/E for 0–6, mode B for A–F, mode A (300) otherwise. */
  baudRate: number;
  mode: "A" | "B" | "C";
  /** A lower-case third manufacturer letter announces 20 ms reaction time instead of 200 ms. */
  reactionTimeMs: 20 | 200;
  /** "\2" and the like: enhanced identification (e.g. mode E / DSMR). */
  enhanced: string | null;
  identification: string;
};

/** The identification message `/XXXZ[\W]ident` (with or without CR LF). */
export function parseIdentification(line: string): Identification {
  const m = /^\/([A-Za-z]{3})([0-9A-Z])((?:\\[0-9A-Za-z@])*)(.{0,16}?)\r?\n?$/.exec(line);
  if (!m) throw decodeError("FORMAT", `not an IEC 62056-21 identification: ${JSON.stringify(line.slice(0, 40))}`);
  const [, manufacturer, baudChar, enhanced, identification] = m as unknown as [string, string, string, string, string];
  const mode = baudChar in modeCBaud ? "C" : baudChar in modeBBaud ? "B" : "A";
  const baudRate = modeCBaud[baudChar] ?? modeBBaud[baudChar] ?? 300;
  return {
    manufacturer,
    baudChar,
    baudRate,
    mode,
    reactionTimeMs: /[a-z]/.test(manufacturer[2]!) ? 20 : 200,
    enhanced: enhanced || null,
    identification: identification.trim(),
  };
}

/** The option-select message that asks for a readout at the meter's offered rate (mode C). */
export function ackReadout(baudChar: string): Uint8Array {
  return Buffer.from(`\x060${baudChar}0\r\n`, "latin1");
}

export function baudForChar(baudChar: string): number {
  return modeCBaud[baudChar] ?? modeBBaud[baudChar] ?? 300;
}
