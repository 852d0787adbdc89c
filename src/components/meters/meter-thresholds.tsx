"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { controlClass } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

type Threshold = { name: string; key: string; site: number; effective: number; own: number | null };

/** The thresholds this meter is held to: the site's, or its own where an operator set one (empty field: back to the site's). */
export function MeterThresholds({ meterId, thresholds, canEdit }: { meterId: string; thresholds: Threshold[]; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(thresholds.map((th) => [th.name, th.own === null ? "" : String(th.own)])),
  );
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation(
    trpc.meters.setThresholds.mutationOptions({
      onSuccess: (overview) => {
        queryClient.setQueryData(trpc.meters.overview.queryKey({ id: meterId }), overview);
        setTexts(Object.fromEntries(overview.thresholds.map((th) => [th.name, th.own === null ? "" : String(th.own)])));
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, number | null> = {};
    for (const th of thresholds) {
      const text = (texts[th.name] ?? "").trim().replace(",", ".");
      const value = text === "" ? null : Number(text);
      if (value !== null && !Number.isFinite(value)) return setInvalid(th.name);
      if (value !== th.own) changes[th.name] = value;
    }
    setInvalid(null);
    save.mutate({ id: meterId, thresholds: changes as never });
  };
  const refused = save.error?.data?.zodIssues?.[0]?.path.at(-1) ?? null;

  return (
    <Card title={t.meters.thresholds}>
      <p className="mb-2 text-xs text-slate-500">{t.meters.thresholdsHelp}</p>
      <form onSubmit={submit} noValidate>
        <table className="w-full text-sm">
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {thresholds.map((th) => {
              const field = t.settings.fields[th.key];
              const id = `threshold-${th.name}`;
              return (
                <tr key={th.name} data-testid="meter-threshold" data-name={th.name} data-effective={th.effective}>
                  <td className="py-1.5 pr-3">
                    <label htmlFor={id}>{field?.label ?? th.key}</label>
                    {th.own !== null && (
                      <span className="ml-2">
                        <Badge tone="blue">{t.meters.ownThreshold}</Badge>
                      </span>
                    )}
                  </td>
                  <td className="py-1.5 pr-3 text-right text-xs text-slate-500 tabular-nums">
                    {t.meters.siteValue} {formatNumber(th.site, locale, th.site % 1 ? 2 : 0)} {field?.unit ?? ""}
                  </td>
                  <td className="w-48 py-1.5">
                    {canEdit ? (
                      <input
                        id={id}
                        inputMode="decimal"
                        placeholder={String(th.site)}
                        value={texts[th.name] ?? ""}
                        onChange={(e) => setTexts((all) => ({ ...all, [th.name]: e.target.value }))}
                        aria-invalid={invalid === th.name || refused === th.name}
                        className={controlClass}
                      />
                    ) : (
                      <span className="tabular-nums">
                        {formatNumber(th.effective, locale, th.effective % 1 ? 2 : 0)} {field?.unit ?? ""}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {canEdit && (
          <div className="mt-3 flex items-center gap-3">
            <Button type="submit" disabled={save.isPending}>
              {t.common.save}
            </Button>
            {save.isSuccess && <span className="text-xs text-emerald-700 dark:text-emerald-400">{t.common.saved}</span>}
            {invalid && <p className="text-sm text-red-600">{t.settings.invalidNumber}</p>}
            <ErrorText error={save.error} />
          </div>
        )}
      </form>
    </Card>
  );
}
