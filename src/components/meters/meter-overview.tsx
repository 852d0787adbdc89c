"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { LiveIndicator } from "~/components/live/live-indicator";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { DataTable } from "~/components/ui/table";
import { useI18n } from "~/i18n/client";
import { formatDuration, formatNumber } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { MeterErrorText } from "./decode-error-text";
import { MeterFrames } from "./meter-frames";
import { MeterStatusBadge } from "./meter-status-badge";
import { MeterThresholds } from "./meter-thresholds";
import { TestConnection } from "./test-connection";

const columns = [
  ["energyImportKwh", "kWh", 3],
  ["energyExportKwh", "kWh", 3],
  ["powerImportW", "W", 0],
  ["powerExportW", "W", 0],
  ["voltageL1V", "V", 1],
  ["currentL1A", "A", 2],
  ["frequencyHz", "Hz", 2],
  ["powerFactor", "", 2],
] as const;

/** One meter: its link's state and last error, its latest readings (only the values it sends), its thresholds; kept live. */
export function MeterOverview({ meterId, canOperate }: { meterId: string; canOperate: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.meters.overview.queryOptions({ id: meterId }));
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.meters.overview.queryKey({ id: meterId }) });
  const live = useLiveTopic(`meter:${meterId}`, refetch, { onConnected: refetch });
  const data = overview.data;
  const m = data?.meter;
  const shown = columns.filter(([field]) => data?.readings.some((r) => r[field] !== null));

  return (
    <div className="space-y-4">
      <ErrorText error={overview.error} />
      {m && (
        <Card title={t.meters.link} actions={<LiveIndicator status={live} />}>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-500">{t.common.status}</dt>
              <dd>
                <MeterStatusBadge status={m.enabled ? m.status : "UNKNOWN"} />
                {!m.enabled && <span className="ml-2 text-xs text-slate-500">{t.meters.disabled}</span>}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.meters.protocol}</dt>
              <dd>
                {t.meters.protocols[m.protocol]} · {t.meters.transports[m.transport]}
                {m.portPath && <span className="ml-1 font-mono text-xs">{m.portPath}</span>}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.meters.lastReading}</dt>
              <dd>{m.lastReadingAt ? <RelativeTime date={m.lastReadingAt} /> : t.common.never}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.meters.pollInterval}</dt>
              <dd>{formatDuration(m.pollIntervalSeconds * 1000, locale)}</dd>
            </div>
          </dl>
          {m.lastError ? (
            <p
              role="alert"
              data-testid="meter-last-error"
              className="mt-3 break-words rounded-md bg-red-50 p-2 font-mono text-xs text-red-700 dark:bg-red-950/40 dark:text-red-300"
            >
              {t.meters.lastError} <MeterErrorText error={m.lastError} />
            </p>
          ) : (
            <p className="mt-3 text-xs text-slate-500">{t.meters.noError}</p>
          )}
          {canOperate && m.transport !== "REMOTE" && (
            <div className="mt-3">
              <TestConnection meterId={m.id} />
            </div>
          )}
        </Card>
      )}
      {data && (
        <Card title={t.meters.recentReadings}>
          {data.readings.length === 0 ? (
            <p className="text-sm text-slate-500">{t.meters.noReadingYet}</p>
          ) : (
            <DataTable
              columns={[
                { key: "at", label: t.meters.readAt },
                ...shown.map(([field, unit]) => ({
                  key: field,
                  label: `${t.meters.readingFields[field]}${unit ? ` (${unit})` : ""}`,
                  align: "right" as const,
                })),
                { key: "source", label: t.meters.source },
              ]}
            >
              {data.readings.map((r) => (
                <tr key={new Date(r.at).toISOString()} data-testid="meter-reading">
                  <td className="px-3 py-1.5 text-xs">{new Date(r.at).toLocaleString(locale)}</td>
                  {shown.map(([field, , digits]) => (
                    <td key={field} className="px-3 py-1.5 text-right tabular-nums">
                      {r[field] === null ? "" : formatNumber(r[field], locale, digits)}
                    </td>
                  ))}
                  <td className="px-3 py-1.5 text-xs text-slate-500">{t.meters.readingSources[r.source] ?? r.source}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      )}
      <MeterFrames meterId={meterId} />
      {data && <MeterThresholds meterId={meterId} thresholds={data.thresholds} canEdit={canOperate} />}
    </div>
  );
}
