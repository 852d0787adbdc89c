export type RangePreset = "day" | "week" | "month" | "year" | "custom";
export type DateRange = { from: Date; to: Date };

/** The calendar period of `preset` holding `anchor`, in the browser's local time (weeks start on Monday). */
export function presetRange(preset: Exclude<RangePreset, "custom">, anchor: Date): DateRange {
  const y = anchor.getFullYear();
  const m = anchor.getMonth();
  const d = anchor.getDate();
  switch (preset) {
    case "day":
      return { from: new Date(y, m, d), to: new Date(y, m, d + 1) };
    case "week": {
      const monday = d - ((anchor.getDay() + 6) % 7);
      return { from: new Date(y, m, monday), to: new Date(y, m, monday + 7) };
    }
    case "month":
      return { from: new Date(y, m, 1), to: new Date(y, m + 1, 1) };
    case "year":
      return { from: new Date(y, 0, 1), to: new Date(y + 1, 0, 1) };
  }
}

/** The period before `range`: the previous calendar period for a preset, the same length before for a custom range. */
export function previousRange(preset: RangePreset, range: DateRange): DateRange {
  if (preset === "custom") {
    const span = range.to.getTime() - range.from.getTime();
    return { from: new Date(range.from.getTime() - span), to: range.from };
  }
  return presetRange(preset, new Date(range.from.getTime() - 3_600_000));
}

/** The local date of `d` as YYYY-MM-DD, for date inputs. */
export const toDateInput = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/**
 * Joins two series sampled at different times onto one x axis (the union of both, sorted), as a
 * chart with a single x array needs; a series has null where it has no sample.
 */
export function joinSeries(x1: number[], columns1: (number | null)[][], x2: number[], columns2: (number | null)[][]): (number | null)[][] {
  const xs = [...new Set([...x1, ...x2])].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const place = (x: number[], column: (number | null)[]) => {
    const out: (number | null)[] = new Array(xs.length).fill(null);
    x.forEach((v, i) => (out[index.get(v)!] = column[i] ?? null));
    return out;
  };
  return [xs, ...columns1.map((c) => place(x1, c)), ...columns2.map((c) => place(x2, c))];
}
