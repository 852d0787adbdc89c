/** One CSV field (RFC 4180): dates in ISO 8601, nothing for null, quoted when it holds a comma, quote or line break. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line, without its line break. */
export const csvRow = (values: readonly unknown[]) => values.map(csvCell).join(",");
