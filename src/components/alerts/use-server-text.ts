"use client";

import { useMemo } from "react";
import { storedReason } from "~/backups/reasons";
import { useI18n } from "~/i18n/client";
import { alertFormat, alertText, alertTypeLabel, backupReasonText } from "~/platform/alerts/alert-text";

type StoredAlert = { type: string; params?: unknown; title: string; description: string };

/** What the server recorded by code (alerts, backup reasons), written in the reader's language. */
export function useServerText() {
  const { locale } = useI18n();
  return useMemo(() => {
    const format = alertFormat(locale);
    return {
      alert: (alert: StoredAlert) => alertText({ ...alert, params: alert.params ?? null }, locale, format),
      alertType: (type: string) => alertTypeLabel(type, locale),
      backupReason: (stored: unknown) => backupReasonText(storedReason(stored), locale, format),
      /** A measured value with its unit: "258,4 V". */
      measured: (value: number, unit: string | null) => `${format.number(value, 3)}${unit ? ` ${unit}` : ""}`,
    };
  }, [locale]);
}
