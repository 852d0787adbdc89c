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

/** `000004.426*kWh` → 4.426 and "kWh"; `42` → 42 without unit; null when not a decimal number. */
export function parseQuantity(text: string): { value: number; unit: string | null } | null {
  const star = text.indexOf("*");
  const number = star < 0 ? text : text.slice(0, star);
  if (!isDecimal(number)) return null;
  const unit = star < 0 ? null : text.slice(star + 1);
  return { value: Number(number), unit: unit || null };
}

function isDecimal(s: string): boolean {
  let i = s.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot && digits) dot = true;
    else return false;
  }
  return digits > 0 && s.charCodeAt(s.length - 1) !== 46;
}
