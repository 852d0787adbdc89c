"use client";

import { useState, type ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { anchorOf, comparableRange, daysRange, lastDays, nextRange, presetRange, previousRange, type DateRange, type RangePreset } from "~/lib/date-range";
import { calendarDayOf } from "~/lib/time-zone";
import { useSiteZone } from "./site-zone";

const presets: RangePreset[] = ["day", "week", "month", "year", "custom"];

export type RangeState = ReturnType<typeof useDateRange>;

/**
 * A calendar period (day, week, month, year) of the site's time zone that steps back and forth but
 * not past today, or a custom range of days; it starts on the last 30 days (or `initial`).
 */
export function useDateRange(initial: RangePreset = "custom") {
  const zone = useSiteZone();
  const [preset, setPreset] = useState<RangePreset>(initial);
  const [range, setRange] = useState<DateRange>(() => (initial === "custom" ? lastDays(30, new Date(), zone) : presetRange(initial, new Date(), zone)));
  // To the minute: the comparison period is part of a query's key, which must not change at every render.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  return {
    preset,
    range,
    zone,
    /** The period to compare with: the previous one, like for like when this one is still running. */
    previous: comparableRange(preset, range, zone, now),
    /** The period holds today: there is nothing after it yet. */
    atPresent: range.to > now,
    choose(p: RangePreset) {
      setPreset(p);
      if (p !== "custom") setRange(presetRange(p, anchorOf(range, new Date()), zone));
    },
    shift(direction: -1 | 1) {
      if (direction === -1) setRange(previousRange(preset, range, zone));
      else if (range.to <= new Date()) setRange(nextRange(preset, range, zone));
    },
    /** Days of the site's calendar, `last` included. */
    setDays(first: string, last: string) {
      const days = daysRange(first, last, zone);
      if (!days) return;
      setPreset("custom");
      setRange(days);
    },
  };
}

export function RangePicker({ state, children }: { state: RangeState; children?: ReactNode }) {
  const { t } = useI18n();
  const firstDay = calendarDayOf(state.range.from, state.zone);
  const lastDay = calendarDayOf(new Date(state.range.to.getTime() - 1), state.zone);
  return (
    <div className="flex flex-wrap items-end gap-3">
      <fieldset aria-label={t.energy.scope} className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
        {presets.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={state.preset === p}
            onClick={() => state.choose(p)}
            className={`px-3 py-1.5 text-sm ${state.preset === p ? "bg-sky-600 text-white" : "bg-white hover:bg-slate-50 dark:bg-slate-800 dark:hover:bg-slate-700"}`}
          >
            {t.energy.presets[p]}
          </button>
        ))}
      </fieldset>
      <Button variant="secondary" size="sm" onClick={() => state.shift(-1)}>
        ← {t.energy.previous}
      </Button>
      <Button variant="secondary" size="sm" onClick={() => state.shift(1)} disabled={state.atPresent}>
        {t.energy.next} →
      </Button>
      <TextField label={t.energy.from} type="date" value={firstDay} onChange={(e) => state.setDays(e.target.value, lastDay)} />
      <TextField label={t.energy.to} type="date" value={lastDay} onChange={(e) => state.setDays(firstDay, e.target.value)} />
      {children}
    </div>
  );
}
