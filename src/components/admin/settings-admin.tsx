"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { errorMessage } from "~/components/ui/error-text";
import { controlClass } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

type SettingRow = {
  key: string;
  type: "STRING" | "INT" | "FLOAT" | "BOOL" | "JSON";
  category: string;
  description: string;
  value: unknown;
  defaultValue: unknown;
};

export function SettingsAdmin() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.list.queryOptions());
  const groups = new Map<string, SettingRow[]>();
  for (const s of (settings.data ?? []) as SettingRow[]) {
    groups.set(s.category, [...(groups.get(s.category) ?? []), s]);
  }
  return (
    <div className="space-y-4">
      {[...groups.entries()].map(([category, rows]) => (
        <Card key={category} title={category}>
          <div className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((row) => (
              <SettingEditor key={row.key} setting={row} />
            ))}
          </div>
        </Card>
      ))}
    </div>
  );
}

function toText(type: SettingRow["type"], value: unknown): string {
  return type === "JSON" ? JSON.stringify(value, null, 2) : String(value);
}

function SettingEditor({ setting }: { setting: SettingRow }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(toText(setting.type, setting.value));
  const [localError, setLocalError] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const update = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.settings.pathKey() }),
    }),
  );
  const history = useQuery({ ...trpc.settings.history.queryOptions({ key: setting.key }), enabled: showHistory });

  const submit = () => {
    setLocalError(null);
    let value: unknown = text;
    if (setting.type === "INT" || setting.type === "FLOAT") value = text.trim() === "" ? NaN : Number(text);
    if (setting.type === "BOOL") value = text === "true";
    if (setting.type === "JSON") {
      try {
        value = JSON.parse(text);
      } catch {
        setLocalError(t.settings.invalidJson);
        return;
      }
    }
    update.mutate({ key: setting.key, value: value as never });
  };
  const inputId = `setting-${setting.key}`;
  const error = localError ?? errorMessage(update.error, t);

  return (
    <form
      className="grid gap-2 py-3 md:grid-cols-[1fr_18rem_auto] md:items-start"
      data-testid="setting"
      data-key={setting.key}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div>
        <label htmlFor={inputId} className="font-mono text-sm font-medium">
          {setting.key}
        </label>
        <p className="text-xs text-slate-500">
          {setting.description} ({setting.type}, {t.settings.default}: {toText(setting.type, setting.defaultValue)})
        </p>
        <button type="button" className="text-xs text-sky-700 underline dark:text-sky-400" onClick={() => setShowHistory((v) => !v)}>
          {t.settings.history}
        </button>
        {showHistory && (
          <ul className="mt-1 space-y-0.5 text-xs text-slate-500">
            {history.data?.map((h) => (
              <li key={h.id}>
                {new Date(h.changedAt).toLocaleString()} · {h.changedBy?.name ?? "—"} · {JSON.stringify(h.oldValue)} → {JSON.stringify(h.newValue)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        {setting.type === "BOOL" ? (
          <select id={inputId} value={text} onChange={(e) => setText(e.target.value)} className={controlClass}>
            <option value="true">{t.common.yes}</option>
            <option value="false">{t.common.no}</option>
          </select>
        ) : setting.type === "JSON" ? (
          <textarea id={inputId} value={text} rows={4} onChange={(e) => setText(e.target.value)} className={`${controlClass} font-mono`} />
        ) : (
          <input
            id={inputId}
            value={text}
            inputMode={setting.type === "STRING" ? "text" : "decimal"}
            onChange={(e) => setText(e.target.value)}
            className={controlClass}
            aria-invalid={!!error}
          />
        )}
        {error && (
          <p role="alert" className="mt-1 whitespace-pre-line text-xs text-red-600">
            {error}
          </p>
        )}
        {update.isSuccess && !error && <p className="mt-1 text-xs text-emerald-700">{t.common.saved}</p>}
      </div>
      <Button type="submit" variant="secondary" disabled={update.isPending}>
        {t.common.save}
      </Button>
    </form>
  );
}
