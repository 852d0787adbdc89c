"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Button } from "~/components/ui/button";
import { DataTable } from "~/components/ui/table";
import { ErrorText } from "~/components/ui/error-text";
import { SelectField, TextField } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { SeverityBadge } from "~/components/ui/severity-badge";
import { useI18n } from "~/i18n/client";
import { AlertSource } from "./alert-source";
import { useServerText } from "./use-server-text";
import { useTRPC } from "~/trpc/react";

const severities = ["INFO", "WARNING", "ERROR", "CRITICAL"] as const;
const sources = ["SYSTEM", "METER", "BACKUP_JOB", "CAMPAIGN"] as const;

export type AlertFilterState = {
  severity?: (typeof severities)[number];
  sourceKind?: (typeof sources)[number];
  sourceId?: string;
  type?: string;
  category?: string;
  acknowledged?: boolean;
};

/** Filterable alert list with selection and acknowledgement; new alerts arrive live. */
export function AlertsTable({
  initialFilter = {},
  canAcknowledge,
  lockSource = false,
}: {
  initialFilter?: AlertFilterState;
  canAcknowledge: boolean;
  lockSource?: boolean;
}) {
  const { t } = useI18n();
  const text = useServerText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<AlertFilterState>(initialFilter);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Goes with the next acknowledgement (a cause, a ticket number).
  const [comment, setComment] = useState("");
  const input = {
    filter: {
      severity: filter.severity ? [filter.severity] : undefined,
      sourceKind: filter.sourceKind,
      sourceId: filter.sourceId || undefined,
      type: filter.type || undefined,
      category: filter.category || undefined,
      acknowledged: filter.acknowledged,
    },
    limit: 50,
  };
  const facets = useQuery(trpc.alerts.facets.queryOptions());
  const list = useInfiniteQuery(trpc.alerts.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor }));
  const refetch = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.facets.queryKey() });
  };
  useLiveTopic("alerts", refetch, { onConnected: refetch });
  const ack = useMutation(
    trpc.alerts.acknowledge.mutationOptions({
      onSuccess: () => {
        setSelected(new Set());
        setComment("");
        void queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
      },
    }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const selectable = rows.filter((r) => !r.acknowledgedAt);
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const set = (patch: Partial<AlertFilterState>) => {
    setSelected(new Set());
    setFilter((f) => ({ ...f, ...patch }));
  };

  return (
    <div className="space-y-4">
      <fieldset className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <legend className="sr-only">{t.alerts.filters}</legend>
        <SelectField
          label={t.common.status}
          value={filter.severity ?? ""}
          onChange={(e) => set({ severity: (e.target.value || undefined) as AlertFilterState["severity"] })}
        >
          <option value="">{t.common.all}</option>
          {severities.map((s) => (
            <option key={s} value={s}>
              {t.severity[s]}
            </option>
          ))}
        </SelectField>
        {!lockSource && (
          <SelectField
            label={t.alerts.source}
            value={filter.sourceKind ?? ""}
            onChange={(e) => set({ sourceKind: (e.target.value || undefined) as AlertFilterState["sourceKind"] })}
          >
            <option value="">{t.common.all}</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {t.alerts.sources[s]}
              </option>
            ))}
          </SelectField>
        )}
        <ChoiceFilter
          label={t.common.type}
          value={filter.type ?? ""}
          choices={facets.data?.types}
          onChange={(type) => set({ type })}
          labelOf={text.alertType}
        />
        <ChoiceFilter
          label={t.common.category}
          value={filter.category ?? ""}
          choices={facets.data?.categories}
          onChange={(category) => set({ category })}
          labelOf={(category) => t.alerts.categories[category] ?? category}
        />
        <SelectField
          label={t.alerts.ackState}
          value={filter.acknowledged === undefined ? "" : String(filter.acknowledged)}
          onChange={(e) => set({ acknowledged: e.target.value === "" ? undefined : e.target.value === "true" })}
        >
          <option value="">{t.common.all}</option>
          <option value="false">{t.alerts.unacknowledged}</option>
          <option value="true">{t.alerts.acknowledged}</option>
        </SelectField>
        {canAcknowledge && (
          <TextField
            label={t.alerts.ackComment}
            value={comment}
            maxLength={500}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t.alerts.ackCommentHint}
          />
        )}
        {canAcknowledge && (
          <div className="flex items-end">
            <Button disabled={selected.size === 0 || ack.isPending} onClick={() => ack.mutate({ ids: [...selected], comment })} data-testid="ack-selected">
              {t.alerts.acknowledgeSelected(selected.size)}
            </Button>
          </div>
        )}
      </fieldset>
      <ErrorText error={ack.error ?? list.error} />
      <DataTable
        columns={[
          ...(canAcknowledge
            ? [
                {
                  key: "select",
                  label: (
                    <input
                      type="checkbox"
                      aria-label={t.alerts.selectAll}
                      checked={selectable.length > 0 && selectable.every((r) => selected.has(r.id))}
                      onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((r) => r.id)) : new Set())}
                    />
                  ),
                },
              ]
            : []),
          { key: "at", label: t.alerts.occurredAt },
          { key: "severity", label: t.common.status },
          { key: "title", label: t.alerts.title_ },
          { key: "source", label: t.alerts.source },
          { key: "measured", label: t.alerts.measured },
          { key: "ack", label: t.alerts.ackState },
        ]}
      >
        {rows.map((alert) => {
          const written = text.alert(alert);
          return (
            <tr key={alert.id} data-testid="alert-row" data-alert-id={alert.id}>
              {canAcknowledge && (
                <td className="px-3 py-2">
                  {!alert.acknowledgedAt && (
                    <input type="checkbox" aria-label={written.title} checked={selected.has(alert.id)} onChange={() => toggle(alert.id)} />
                  )}
                </td>
              )}
              <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-400">
                <RelativeTime date={alert.occurredAt} />
              </td>
              <td className="px-3 py-2">
                <SeverityBadge severity={alert.severity} />
              </td>
              <td className="px-3 py-2">
                <div className="font-medium">{written.title}</div>
                {written.description && <div className="text-xs text-slate-500">{written.description}</div>}
                <div className="text-xs text-slate-400">
                  {text.alertType(alert.type)}
                  {alert.code ? ` · ${alert.code}` : ""}
                </div>
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-xs">
                <AlertSource alert={alert} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                {alert.measuredValue !== null ? text.measured(alert.measuredValue, alert.unit) : "—"}
                {alert.threshold !== null && (
                  <div className="text-xs text-slate-500">
                    {t.alerts.threshold} {text.measured(alert.threshold, alert.unit)}
                  </div>
                )}
              </td>
              <td className="px-3 py-2 text-xs">
                {alert.acknowledgedAt ? (
                  <span data-testid="acknowledged">
                    {t.alerts.acknowledgedBy(alert.acknowledgedBy?.name ?? "?", new Date(alert.acknowledgedAt).toLocaleString())}
                    {alert.acknowledgedComment && <span className="block italic text-slate-600 dark:text-slate-400">« {alert.acknowledgedComment} »</span>}
                  </span>
                ) : canAcknowledge ? (
                  <Button size="sm" variant="secondary" disabled={ack.isPending} onClick={() => ack.mutate({ ids: [alert.id], comment })}>
                    {t.alerts.acknowledge}
                  </Button>
                ) : (
                  t.alerts.unacknowledged
                )}
              </td>
            </tr>
          );
        })}
        {rows.length === 0 && !list.isLoading && (
          <tr>
            <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
              {t.alerts.empty}
            </td>
          </tr>
        )}
      </DataTable>
      {list.hasNextPage && (
        <Button variant="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t.alerts.loadMore}
        </Button>
      )}
    </div>
  );
}

/** A filter among the values the alerts have ("" for all). */
function ChoiceFilter({
  label,
  value,
  choices,
  onChange,
  labelOf = (choice) => choice,
}: {
  label: string;
  value: string;
  choices?: string[];
  onChange: (value: string) => void;
  labelOf?: (choice: string) => string;
}) {
  const { t } = useI18n();
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t.common.all}</option>
      {choices?.map((choice) => (
        <option key={choice} value={choice}>
          {labelOf(choice)}
        </option>
      ))}
    </SelectField>
  );
}
