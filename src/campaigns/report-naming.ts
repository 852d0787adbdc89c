const capitalise = (s: string, locale: string) => s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);

/** "Mars 2023" / "March 2023": the default name of a report launched at `date`. */
export function monthYearName(date: Date, locale: "fr" | "en", timeZone = "Europe/Paris"): string {
  const month = new Intl.DateTimeFormat(locale, { month: "long", timeZone }).format(date);
  const year = new Intl.DateTimeFormat(locale, { year: "numeric", timeZone }).format(date);
  return `${capitalise(month, locale)} ${year}`;
}

/** The first of "Mars 2023", "Mars 2023 (1)", "Mars 2023 (2)"… not in `taken`. */
export function nextFreeName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}
