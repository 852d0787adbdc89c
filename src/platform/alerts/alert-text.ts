import { formatBytes, formatDuration } from "../../lib/format";
import { alertTextsEn } from "../../i18n/alert-texts-en";
import { alertTextsFr } from "../../i18n/alert-texts-fr";
import type { AlertFormat, AlertParams, AlertTexts, AlertType, BackupFlipAlertType, BackupReason } from "./alert-types";

export type AlertLanguage = "fr" | "en";

const textsByLanguage: Record<AlertLanguage, AlertTexts> = { fr: alertTextsFr, en: alertTextsEn };

const formats = new Map<string, AlertFormat>();

/**
 * Numbers, sizes, durations and instants in a language; instants in the given zone, named so it
 * is never ambiguous. Kept per language and zone: an Intl formatter costs far more to build than
 * to use, and a campaign run writes thousands of lines.
 */
export function alertFormat(language: AlertLanguage, timeZone?: string): AlertFormat {
  const key = `${language} ${timeZone ?? ""}`;
  let format = formats.get(key);
  if (!format) {
    format = buildFormat(language, timeZone);
    formats.set(key, format);
  }
  return format;
}

function buildFormat(language: AlertLanguage, timeZone: string | undefined): AlertFormat {
  const dateTime = new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: timeZone ? "short" : undefined,
  });
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (maxDigits: number) => {
    let format = numbers.get(maxDigits);
    if (!format) {
      format = new Intl.NumberFormat(language, { maximumFractionDigits: maxDigits });
      numbers.set(maxDigits, format);
    }
    return format;
  };
  return {
    number: (value, maxDigits = 0) => numberFormat(maxDigits).format(value),
    bytes: (bytes) => formatBytes(bytes, language),
    seconds: (seconds) => formatDuration(seconds * 1000, language),
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
  };
}

/** Types with a label but no text of their own: backup status changes, written from the statuses and the reason. */
const flipTypes = new Set(Object.keys(alertTextsEn.labels).filter((type) => !(type in alertTextsEn.types)));

export function backupReasonText(reason: BackupReason, language: AlertLanguage, format = alertFormat(language)): string {
  const write = textsByLanguage[language].backupReasons[reason.code] as ((p: unknown, f: AlertFormat) => string) | undefined;
  return write ? write(reason.params ?? {}, format) : String((reason.params as { message?: unknown })?.message ?? reason.code);
}

/** An alert's type name in a language ("Creux de tension"), or the type itself when Vigie no longer raises it. */
export function alertTypeLabel(type: string, language: AlertLanguage): string {
  return textsByLanguage[language].labels[type as AlertType] ?? type;
}

type StoredAlert = { type: string; params: unknown; title: string; description: string };

/**
 * An alert's title and description in a language, from its type and parameters. An alert stored
 * before alerts had parameters (or of a type Vigie no longer raises) keeps the text it was stored with.
 */
export function alertText(alert: StoredAlert, language: AlertLanguage, format = alertFormat(language)): { title: string; description: string } {
  const texts = textsByLanguage[language];
  const params = alert.params as Record<string, unknown> | null;
  if (!params || typeof params !== "object") return { title: alert.title, description: alert.description };
  if (flipTypes.has(alert.type)) {
    const p = params as AlertParams[BackupFlipAlertType];
    return { title: texts.backupFlip(p.job, p.from, p.to), description: backupReasonText(p.reason, language, format) };
  }
  const text = texts.types[alert.type as Exclude<AlertType, BackupFlipAlertType>] as
    | { title: (p: unknown, f: AlertFormat) => string; description: (p: unknown, f: AlertFormat) => string }
    | undefined;
  if (!text) return { title: alert.title, description: alert.description };
  return { title: text.title(params, format), description: text.description(params, format) };
}
