const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two decimal digits at `i`, or -1. */
function twoDigits(text: string, i: number): number {
  const hi = text.charCodeAt(i) - 48;
  const lo = text.charCodeAt(i + 1) - 48;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : -1;
}

/**
 * DSMR/IEC timestamps: YYMMDDhhmmss with S (summer, UTC+2) or W (winter, UTC+1) for Dutch and
 * Belgian local time. Without the flag (DSMR 2.2) winter time is assumed. Null when malformed.
 */
export function parseDsmrTimestamp(text: string): Date | null {
  if (text.length !== 12 && text.length !== 13) return null;
  const flag = text.length === 13 ? text.charCodeAt(12) : 87; /* W */
  if (flag !== 83 /* S */ && flag !== 87) return null;
  const y = twoDigits(text, 0);
  const mo = twoDigits(text, 2);
  const d = twoDigits(text, 4);
  const h = twoDigits(text, 6);
  const mi = twoDigits(text, 8);
  const s = twoDigits(text, 10);
  if (
    y < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > DAYS_IN_MONTH[mo - 1]! ||
    (mo === 2 && d === 29 && y % 4 !== 0) ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    s < 0 ||
    s > 59
  )
    return null;
  return new Date(Date.UTC(2000 + y, mo - 1, d, h - (flag === 83 ? 2 : 1), mi, s));
}
