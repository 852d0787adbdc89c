const byteUnits = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/** A size in binary multiples with the reader's unit names ("12 Mo", "12 MB"); plain bytes spelt out ("12 octets"). */
export function formatBytes(bytes: number, locale = "fr"): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: byteUnits[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

export function formatNumber(value: number, locale = "fr", digits = 0): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A duration in the reader's language, to the second under an hour: "0,4 s", "3 min 12 s", "1 h 5 min". */
export function formatDuration(ms: number, locale = "fr"): string {
  const unit = (value: number, u: "second" | "minute" | "hour", digits = 0) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: digits }).format(value);
  if (ms < 60_000) return unit(ms / 1000, "second", ms < 10_000 ? 1 : 0);
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${unit(Math.floor(seconds / 60), "minute")} ${unit(seconds % 60, "second")}`;
  return `${unit(Math.floor(seconds / 3600), "hour")} ${unit(Math.floor((seconds % 3600) / 60), "minute")}`;
}
