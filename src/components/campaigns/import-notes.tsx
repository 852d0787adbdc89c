"use client";

import { useI18n } from "~/i18n/client";
import { importNotesFr } from "~/i18n/import-notes-fr";

/** What a Postman import could not keep, as stored on the campaign: shown after an import and on the campaign's page. */
export function ImportNotes({ notes }: { notes: { item: string; what: string; code?: string; params?: Record<string, string> }[] }) {
  const { t, locale } = useI18n();
  if (!notes.length) return null;
  return (
    <div data-testid="import-notes" className="text-sm">
      <p className="mt-1 text-amber-700 dark:text-amber-400">{t.campaigns.notConverted}</p>
      <ul className="list-disc pl-5 text-xs text-slate-600 dark:text-slate-400">
        {notes.map((n, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced as a whole and never reordered: the index is a stable key
          <li key={i}>
            {n.item} : {(locale === "fr" && n.code && importNotesFr[n.code]?.(n.params ?? {})) || n.what}
          </li>
        ))}
      </ul>
    </div>
  );
}
