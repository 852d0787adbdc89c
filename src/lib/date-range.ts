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
