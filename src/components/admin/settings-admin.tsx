"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { controlClass } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

type SettingRow = {
  key: string;
  type: "STRING" | "INT" | "FLOAT" | "BOOL" | "JSON";
  category: string;
  value: unknown;
  defaultValue: unknown;
};

/** Settings by area, each with its label, unit and help, and one save per area. */
export function SettingsAdmin() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.list.queryOptions());
  // Held here, not in the group: a save changes the stored values, which remounts the group (see its key),
  // and its confirmation must outlive that.
  const [savedCounts, setSavedCounts] = useState<Record<string, number | null>>({});
  const groups = new Map<string, SettingRow[]>();
  for (const s of (settings.data ?? []) as SettingRow[]) groups.set(s.category, [...(groups.get(s.category) ?? []), s]);
  return (
    <div className="space-y-4">
      <ErrorText error={settings.error} />
      {[...groups.entries()].map(([category, rows]) => (
        // Keyed by the stored values: a save elsewhere (or by a script) resets the form to them.
        <SettingsGroup
          key={`${category}:${JSON.stringify(rows.map((r) => r.value))}`}
          category={category}
          rows={rows}
          saved={savedCounts[category] ?? null}
          setSaved={(count) => setSavedCounts((all) => ({ ...all, [category]: count }))}
        />
      ))}
    </div>
  );
}

function toText(type: SettingRow["type"], value: unknown): string {
  return type === "JSON" ? JSON.stringify(value, null, 2) : String(value);
}

/** A default as the reader writes it: "Oui", "0,5", "43 470". */
function shownDefault(row: SettingRow, yes: string, no: string, locale: string): string {
  if (row.type === "BOOL") return row.defaultValue ? yes : no;
  if (typeof row.defaultValue === "number") return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(row.defaultValue);
  return toText(row.type, row.defaultValue);
}

/** The typed value of a field's text, or an error saying what is wrong with it. */
function fromText(type: SettingRow["type"], text: string): { value: unknown } | { error: "number" | "json" } {
  if (type === "INT" || type === "FLOAT") {
    const n = Number(text.trim().replace(",", "."));
    return text.trim() === "" || !Number.isFinite(n) ? { error: "number" } : { value: n };
  }
  if (type === "BOOL") return { value: text === "true" };
  if (type === "JSON") {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { error: "json" };
    }
  }
  return { value: text };
}

function SettingsGroup({
  category,
  rows,
  saved,
  setSaved,
}: {
  category: string;
  rows: SettingRow[];
  saved: number | null;
  setSaved: (count: number | null) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(rows.map((r) => [r.key, toText(r.type, r.value)])));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.settings.updateMany.mutationOptions({
      onSuccess: (rowsSaved) => {
        setSaved(rowsSaved.length);
        void queryClient.invalidateQueries({ queryKey: trpc.settings.pathKey() });
      },
    }),
  );
  // A value the server refused (its range, its format) is pointed at by key: marked on its field, named by its label.
  const refusedKey = save.error?.data?.app?.code === "invalid_setting" ? String(save.error.data.app.params.key) : null;
  const refusedWhy = save.error?.data?.zodIssues?.map((i) => i.message).join("; ") ?? "";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    for (const row of rows) {
      const parsed = fromText(row.type, texts[row.key] ?? "");
      if ("error" in parsed) errors[row.key] = parsed.error === "json" ? t.settings.invalidJson : t.settings.invalidNumber;
      else if (JSON.stringify(parsed.value) !== JSON.stringify(row.value)) values[row.key] = parsed.value;
    }
    setLocalErrors(errors);
    setSaved(null);
    if (Object.keys(errors).length) return;
    if (!Object.keys(values).length) return setSaved(0);
    save.mutate({ values: values as never });
  };

  return (
    <Card title={t.settings.categories[category] ?? category}>
      <form onSubmit={submit} data-testid="settings-group" data-category={category} noValidate>
        <div className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <SettingField
              key={row.key}
              row={row}
              text={texts[row.key] ?? ""}
              onChange={(text) => setTexts((all) => ({ ...all, [row.key]: text }))}
              error={
                localErrors[row.key] ??
                (refusedKey === row.key ? refusedWhy || t.errors.invalid_setting({ key: t.settings.fields[row.key]?.label ?? row.key }) : null)
              }
            />
          ))}
        </div>
        <div className="mt-3 flex items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            {t.settings.saveGroup}
          </Button>
          {saved !== null && (
            <span role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
              {t.settings.changedCount(saved)}
            </span>
          )}
          {refusedKey ? (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {t.errors.invalid_setting({ key: t.settings.fields[refusedKey]?.label ?? refusedKey })}
            </p>
          ) : (
            <ErrorText error={save.error} />
          )}
        </div>
      </form>
    </Card>
  );
}

function SettingField({ row, text, onChange, error }: { row: SettingRow; text: string; onChange: (text: string) => void; error: string | null }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const [showHistory, setShowHistory] = useState(false);
  const history = useQuery({ ...trpc.settings.history.queryOptions({ key: row.key }), enabled: showHistory });
  const field = t.settings.fields[row.key];
  const id = `setting-${row.key}`;
  const invalid = !!error;
  return (
    <div className="grid gap-2 py-3 md:grid-cols-[1fr_18rem] md:items-start" data-testid="setting" data-key={row.key}>
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {field?.label ?? row.key}
        </label>
        <p className="text-xs text-slate-500">
          {field?.help} {t.settings.default} : {shownDefault(row, t.common.yes, t.common.no, locale)}
          {field?.unit ? ` ${field.unit}` : ""}.{" "}
          <button type="button" className="text-sky-700 underline dark:text-sky-400" onClick={() => setShowHistory((v) => !v)}>
            {t.settings.history}
          </button>
        </p>
        {showHistory && (
          <ul className="mt-1 space-y-0.5 text-xs text-slate-500">
            {history.data?.map((h) => (
              <li key={h.id}>
                {new Date(h.changedAt).toLocaleString(locale)} · {h.changedBy?.name ?? "—"} · {JSON.stringify(h.oldValue)} → {JSON.stringify(h.newValue)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <div className="flex items-center gap-2">
          {row.type === "BOOL" ? (
            <select id={id} value={text} onChange={(e) => onChange(e.target.value)} className={controlClass}>
              <option value="true">{t.common.yes}</option>
              <option value="false">{t.common.no}</option>
            </select>
          ) : row.type === "JSON" ? (
            <textarea id={id} value={text} rows={4} onChange={(e) => onChange(e.target.value)} className={`${controlClass} font-mono`} aria-invalid={invalid} />
          ) : (
            <input
              id={id}
              value={text}
              inputMode={row.type === "STRING" ? "text" : "decimal"}
              onChange={(e) => onChange(e.target.value)}
              className={controlClass}
              aria-invalid={invalid}
            />
          )}
          {field?.unit && <span className="shrink-0 text-sm text-slate-500">{field.unit}</span>}
        </div>
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
