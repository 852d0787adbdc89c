import { isKnownUnit } from "./obis";

/**
 * The line syntax DSMR and IEC 62056-21 share: `CODE(arg)(arg)…`, values like `000123.456*kWh`.
 * Hand-written scanners rather than regular expressions: these run for every line of every frame.
 */

/** `1-0:1.8.1(000123.456*kWh)(…)` → code and arguments; null when the line is not of that form. */
export function scanObisLine(line: string): { code: string; args: string[] } | null {
  const open = line.indexOf("(");
  if (open <= 0 || line.charCodeAt(line.length - 1) !== 41 /* ) */) return null;
  const args: string[] = [];
  let at = open;
  while (at < line.length) {
    if (line.charCodeAt(at) !== 40 /* ( */) return null;
    const close = line.indexOf(")", at + 1);
    if (close < 0) return null;
    const arg = line.slice(at + 1, close);
    if (arg.includes("(")) return null;
    args.push(arg);
    at = close + 1;
  }
  return { code: line.slice(0, open), args };
}

/**
 * `000004.426*kWh` → 4.426 and "kWh"; `42` → 42 without unit; `+000.8*A` → 0.8; null when not a
 * decimal number. Some meters (MetCom) print a known unit without the star: `123.34kWh`.
 */
export function parseQuantity(text: string): { value: number; unit: string | null } | null {
  return quantityIn(text, 0, text.length);
}

/**
 * The quantity `text[from, to)` (no substring for the number): digits are summed as an integer and
 * divided once by a power of ten, which rounds exactly as Number() does up to 15 digits.
 */
export function quantityIn(text: string, from: number, to: number): { value: number; unit: string | null } | null {
  // Searched up to `to` only: callers pass a line inside a whole block of text.
  let star = from;
  while (star < to && text.charCodeAt(star) !== 42 /* * */) star++;
  let i = from;
  const sign = text.charCodeAt(i);
  const negative = sign === 45; /* - */
  if (negative || sign === 43 /* + */) i++;
  let digits = 0;
  let decimals = -1;
  let mantissa = 0;
  let unitStart = star + 1;
  for (; i < star; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0 && digits) decimals = 0;
    else if (star === to && digits && isKnownUnit(text.slice(i, to))) {
      unitStart = i;
      break;
    } else return null;
  }
  if (!digits || decimals === 0) return null;
  const value = digits > 15 ? Number(text.slice(from, i)) : (negative ? -mantissa : mantissa) / POWERS[Math.max(decimals, 0)]!;
  return { value, unit: unitStart < to ? text.slice(unitStart, to) : null };
}

const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);
