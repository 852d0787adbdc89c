"use client";

import { useState } from "react";
import { Button } from "~/components/ui/button";
import { controlClass } from "~/components/ui/field";
import { type WithRowKey, withRowKey } from "~/components/ui/row-key";
import { useI18n } from "~/i18n/client";

type Row = WithRowKey<{ key: string; value: string }>;

/** Name/value rows (query parameters, headers, form fields) edited as a list; rows without a name are left out. */
export function KeyValueRows({
  legend,
  value,
  onChange,
  disabled,
}: {
  legend: string;
  value: Record<string, string> | undefined;
  onChange: (value: Record<string, string>) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const b = t.campaigns.builder;
  const [rows, setRows] = useState<Row[]>(() => Object.entries(value ?? {}).map(([key, v]) => withRowKey({ key, value: v })));
  const update = (next: Row[]) => {
    setRows(next);
    onChange(Object.fromEntries(next.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value])));
  };
  return (
    <fieldset className="space-y-1" data-testid={`rows-${legend}`}>
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{legend}</legend>
      {rows.map((row, i) => (
        <div key={row.rowKey} className="flex gap-2">
          {(["key", "value"] as const).map((field) => (
            <input
              key={field}
              aria-label={`${legend} ${i + 1} : ${b[field]}`}
              placeholder={b[field]}
              className={controlClass}
              value={row[field]}
              disabled={disabled}
              onChange={(e) => update(rows.map((r) => (r === row ? { ...r, [field]: e.target.value } : r)))}
            />
          ))}
          {!disabled && (
            <Button size="sm" variant="ghost" onClick={() => update(rows.filter((r) => r !== row))} aria-label={`${b.removeRow} ${legend} ${i + 1}`}>
              ✕
            </Button>
          )}
        </div>
      ))}
      {!disabled && (
        <Button size="sm" variant="secondary" onClick={() => setRows([...rows, withRowKey({ key: "", value: "" })])}>
          {b.addRow} ({legend})
        </Button>
      )}
    </fieldset>
  );
}
