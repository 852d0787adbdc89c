"use client";

import { useState, type ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { presetRange, previousRange, toDateInput, type DateRange, type RangePreset } from "~/lib/date-range";

const presets: RangePreset[] = ["day", "week", "month", "year", "custom"];

export type RangeState = ReturnType<typeof useDateRange>;

/** A calendar period (day, week, month, year) that steps back and forth, or a custom range of days. */
export function useDateRange(initial: Exclude<RangePreset, "custom">) {
  const [preset, setPreset] = useState<RangePreset>(initial);
  const [range, setRange] = useState<DateRange>(() => presetRange(initial, new Date()));
  const previous = previousRange(preset, range);
  return {
    preset,
    range,
    previous,
    choose(p: RangePreset) {
      setPreset(p);
      if (p !== "custom") setRange(presetRange(p, range.from));
    },
    shift(direction: -1 | 1) {
      if (direction === -1) return setRange(previous);
      const span = range.to.getTime() - range.from.getTime();
      setRange(
        preset === "custom" ? { from: range.to, to: new Date(range.to.getTime() + span) } : presetRange(preset, new Date(range.to.getTime() + 3_600_000)),
      );
    },
    /** Local days, `to` included. */
    setDays(from: string, to: string) {
      const start = new Date(`${from}T00:00`);
      const end = new Date(new Date(`${to}T00:00`).getTime() + 86_400_000);
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) return;
      setPreset("custom");
      setRange({ from: start, to: end });
    },
  };
}

export function RangePicker({ state, children }: { state: RangeState; children?: ReactNode }) {
  const { t } = useI18n();
  const lastDay = toDateInput(new Date(state.range.to.getTime() - 1));
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
      <Button variant="secondary" size="sm" onClick={() => state.shift(1)}>
        {t.energy.next} →
      </Button>
      <TextField label={t.energy.from} type="date" value={toDateInput(state.range.from)} onChange={(e) => state.setDays(e.target.value, lastDay)} />
      <TextField label={t.energy.to} type="date" value={lastDay} onChange={(e) => state.setDays(toDateInput(state.range.from), e.target.value)} />
      {children}
    </div>
  );
}
