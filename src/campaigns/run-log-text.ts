import { runLogTextsEn } from "../i18n/run-log-texts-en";
import { runLogTextsFr } from "../i18n/run-log-texts-fr";
import { alertFormat, type AlertLanguage } from "../platform/alerts/alert-text";
import type { AlertFormat } from "../platform/alerts/alert-types";
import type { RunLogEntry, RunLogTexts } from "./run-log-types";

const textsByLanguage: Record<AlertLanguage, RunLogTexts> = { fr: runLogTextsFr, en: runLogTextsEn };

export type StoredLogLine = { code?: string | null; params?: unknown; message: string };

/** A log line of a run, in a language. A line stored before lines had codes, or whose facts do not fit its code, keeps the text it was stored with. */
export function runLogText(line: StoredLogLine, language: AlertLanguage, format: AlertFormat = alertFormat(language)): string {
  const write = line.code
    ? (textsByLanguage[language].lines[line.code as RunLogEntry["code"]] as ((p: unknown, f: AlertFormat) => string) | undefined)
    : undefined;
  if (!write || !line.params || typeof line.params !== "object") return line.message;
  try {
    return write(line.params, format);
  } catch {
    // Facts of another shape (a line written by another version of Vigie): its stored text.
    return line.message;
  }
}

/** The English rendering stored with each line (exports, API, CLI). */
export const englishRunLogText = (entry: RunLogEntry): string => runLogText({ ...entry, message: "" }, "en");
