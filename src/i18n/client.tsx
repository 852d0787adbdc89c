"use client";

import { createContext, useContext, type ReactNode } from "react";
import { dictionaries, type Locale } from "./locales";
import type { Messages } from "./fr";

const I18nContext = createContext<{ locale: Locale; t: Messages }>({ locale: "fr", t: dictionaries.fr });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nContext.Provider value={{ locale, t: dictionaries[locale] }}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  return useContext(I18nContext);
}
