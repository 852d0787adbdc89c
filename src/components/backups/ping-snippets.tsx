"use client";

import { useState } from "react";
import { Button } from "~/components/ui/button";
import { useI18n } from "~/i18n/client";
import { type PingSnippetKind, pingSnippets } from "~/backups/ping-snippets";

const kinds: PingSnippetKind[] = ["curl", "cron", "systemd", "borgmatic", "restic"];

/** The job's ping URL with a copy button, and the same URL ready to paste into curl, cron, systemd, borgmatic or restic. */
export function PingSnippets({ url }: { url: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<PingSnippetKind>("curl");
  const [copied, setCopied] = useState<string | null>(null);
  const snippets = pingSnippets(url);
  const copy = (what: string, text: string) =>
    void navigator.clipboard
      .writeText(text)
      .then(() => setCopied(what))
      .catch(() => setCopied(null));
  return (
    <div className="space-y-2">
      <div className="flex items-start gap-2">
        <code className="block flex-1 break-all rounded bg-slate-100 p-2 text-xs dark:bg-slate-800" data-testid="ping-url">
          {url}
        </code>
        <Button size="sm" variant="secondary" onClick={() => copy("url", url)} data-testid="copy-ping-url">
          {copied === "url" ? t.backups.copied : t.backups.copy}
        </Button>
      </div>
      <div role="tablist" aria-label={t.backups.snippets} className="flex flex-wrap gap-1">
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={kind === k}
            onClick={() => setKind(k)}
            className={`rounded px-2 py-1 text-xs ${kind === k ? "bg-sky-600 text-white" : "bg-slate-100 dark:bg-slate-800"}`}
          >
            {t.backups.snippetNames[k]}
          </button>
        ))}
      </div>
      <div className="relative">
        <pre role="tabpanel" className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="ping-snippet">
          {snippets[kind]}
        </pre>
        <Button size="sm" variant="secondary" className="absolute top-1 right-1" onClick={() => copy(kind, snippets[kind])}>
          {copied === kind ? t.backups.copied : t.backups.copy}
        </Button>
      </div>
    </div>
  );
}
