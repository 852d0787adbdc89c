"use client";

import type { ReactNode } from "react";
import { I18nProvider } from "~/i18n/client";
import type { Locale } from "~/i18n/locales";
import { TRPCReactProvider } from "~/trpc/react";

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <I18nProvider locale={locale}>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </I18nProvider>
  );
}
