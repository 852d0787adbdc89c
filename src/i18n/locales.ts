import { en } from "./en";
import { fr, type Messages } from "./fr";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr";
export const LOCALE_COOKIE = "vigie-locale";

export const dictionaries: Record<Locale, Messages> = { fr, en };

export function toLocale(value: string | undefined | null): Locale {
  return (locales as readonly string[]).includes(value ?? "") ? (value as Locale) : defaultLocale;
}
