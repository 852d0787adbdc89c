"use client";

import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/client";

function spell(ms: number, locale: string): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const fmt = (n: number, unit: Intl.NumberFormatOptions["unit"]) => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(n);
  if (s < 60) return fmt(s, "second");
  if (s < 3600) return fmt(Math.round(s / 60), "minute");
  if (s < 86_400) return fmt(Math.round(s / 3600), "hour");
  return fmt(Math.round(s / 86_400), "day");
}

/** "il y a 5 s" / "dans 3 min", refreshed every second, with the exact time as a tooltip. */
export function RelativeTime({ date }: { date: Date | string | null | undefined }) {
  const { t, locale } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!date) return <span>{t.common.never}</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  const delta = d.getTime() - now;
  const text = spell(delta, locale);
  return (
    <time dateTime={d.toISOString()} title={d.toLocaleString(locale)} suppressHydrationWarning>
      {delta > 1000 ? t.common.inTime(text) : t.common.ago(text)}
    </time>
  );
}
