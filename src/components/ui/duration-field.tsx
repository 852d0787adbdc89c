import { useId, useState } from "react";
import { useI18n } from "~/i18n/client";
import { controlClass } from "./field";

const unitMinutes = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof unitMinutes;

/** The largest unit that states `minutes` exactly, so 1440 reads "1 day" and 90 reads "90 minutes". */
export function bestDurationUnit(minutes: number | null): Unit {
  if (!minutes) return "minutes";
  if (minutes % unitMinutes.days === 0) return "days";
  if (minutes % unitMinutes.hours === 0) return "hours";
  return "minutes";
}

const intlUnit = { minutes: "minute", hours: "hour", days: "day" } as const;

/** A duration in minutes as the form shows it, spelt out in the reader's language: "1 heure", "90 minutes", "2 jours". */
export function formatMinutes(minutes: number, locale: string): string {
  const unit = bestDurationUnit(minutes);
  return new Intl.NumberFormat(locale, { style: "unit", unit: intlUnit[unit], unitDisplay: "long" }).format(minutes / unitMinutes[unit]);
}

/** A duration kept in minutes but typed in minutes, hours or days, as an operator thinks of a schedule. */
export function DurationField({
  label,
  minutes,
  onChange,
  error,
  min = 0,
}: {
  label: string;
  minutes: number | null;
  onChange: (minutes: number | null) => void;
  error?: string | null;
  min?: number;
}) {
  const { t } = useI18n();
  const id = useId();
  const [unit, setUnit] = useState<Unit>(() => bestDurationUnit(minutes));
  const [text, setText] = useState(() => (minutes === null ? "" : String(minutes / unitMinutes[unit])));
  const emit = (value: string, to: Unit) => {
    const n = Number(value.replace(",", "."));
    onChange(value.trim() === "" || !Number.isFinite(n) ? null : Math.round(n * unitMinutes[to]));
  };
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          type="number"
          min={min}
          step="any"
          inputMode="decimal"
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
          className={controlClass}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            emit(e.target.value, unit);
          }}
        />
        <select
          aria-label={`${label} (${t.common.unit})`}
          className={`${controlClass} w-auto`}
          value={unit}
          onChange={(e) => {
            const to = e.target.value as Unit;
            setUnit(to);
            emit(text, to);
          }}
        >
          {(Object.keys(unitMinutes) as Unit[]).map((u) => (
            <option key={u} value={u}>
              {t.common.durationUnits[u]}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
