import type { $ZodIssue } from "zod/v4/core";
import enLocale from "zod/v4/locales/en.js";
import frLocale from "zod/v4/locales/fr.js";
import { validationMessagesFr, validationPatternsFr } from "../i18n/validation-fr";

const en = enLocale();
const fr = frLocale();

const written = (map: typeof en, issue: $ZodIssue): string | null => {
  const out = map.localeError(issue as never);
  return typeof out === "string" ? out : (out?.message ?? null);
};

/** A French writing of one of Vigie's own English validation messages; the message itself when it has none. */
export function validationMessageFr(message: string): string {
  const fixed = validationMessagesFr[message];
  if (fixed) return fixed;
  for (const [pattern, write] of validationPatternsFr) {
    const match = message.match(pattern);
    if (match) return write(...match.slice(1));
  }
  return message;
}

/**
 * A validation issue in each language the UI speaks. Zod's own messages are written by zod's
 * locale for that language; a message Vigie's schemas give is looked up in its translations.
 */
export function issueTexts(issue: { message: string; code?: string } & Partial<$ZodIssue>): { en: string; fr: string } {
  const generic = issue.code ? written(en, issue as $ZodIssue) : null;
  if (generic !== null && generic === issue.message) return { en: issue.message, fr: written(fr, issue as $ZodIssue) ?? issue.message };
  return { en: issue.message, fr: validationMessageFr(issue.message) };
}
