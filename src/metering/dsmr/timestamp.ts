/**
 * DSMR/IEC timestamps: YYMMDDhhmmss with S (summer, UTC+2) or W (winter, UTC+1) for Dutch and
 * Belgian local time. Without the flag (DSMR 2.2) winter time is assumed. Null when malformed.
 */
export function parseDsmrTimestamp(text: string): Date | null {
  if (text.length !== 12 && text.length !== 13) return null;
  const flag = text.length === 13 ? text.charCodeAt(12) : 87; /* W */
  if (flag !== 83 /* S */ && flag !== 87) return null;
  const n: number[] = [];
  for (let i = 0; i < 12; i += 2) {
    const hi = text.charCodeAt(i) - 48;
    const lo = text.charCodeAt(i + 1) - 48;
    if (hi < 0 || hi > 9 || lo < 0 || lo > 9) return null;
    n.push(hi * 10 + lo);
  }
  const [y, mo, d, h, mi, s] = n as [number, number, number, number, number, number];
  const day = Date.UTC(2000 + y, mo - 1, d);
  const check = new Date(day);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(day + ((h - (flag === 83 ? 2 : 1)) * 3600 + mi * 60 + s) * 1000);
}
