"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { LiveIndicator } from "~/components/live/live-indicator";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { DataTable } from "~/components/ui/table";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import { netPowerW } from "~/metering/reading";
import { useTRPC } from "~/trpc/react";
import { MeterStatusBadge } from "./meter-status-badge";
import { TestConnection } from "./test-connection";

/** Meters with their live power (every reading arrives on the `energy` topic). */
export function MetersList({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const meters = useQuery(trpc.meters.list.queryOptions());
  const [live, setLive] = useState<Record<string, { at: string; powerW: number | null }>>({});
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.meters.list.queryKey() });
  const status = useLiveTopic(
    "energy",
    (event) => {
      const p = event.payload;
      setLive((l) => ({ ...l, [p.meterId]: { at: p.at, powerW: p.powerW } }));
      // A reading from a meter the list still shows as not online: its status changed.
      if (meters.data?.find((m) => m.id === p.meterId)?.status !== "ONLINE") refetch();
    },
    { onConnected: refetch },
  );
  if (meters.data?.length === 0) return <p className="text-sm text-slate-500">{t.meters.empty}</p>;
  return (
    <div className="space-y-2">
      <div className="flex justify-end">
        <LiveIndicator status={status} />
      </div>
      <ErrorText error={meters.error} />
      <DataTable
        columns={[
          { key: "name", label: t.common.name },
          { key: "status", label: t.common.status },
          { key: "power", label: t.meters.livePower, align: "right" },
          { key: "last", label: t.meters.lastReading },
          // A viewer can do nothing here: no empty column.
          ...(canEdit ? [{ key: "actions", label: t.common.actions }] : []),
        ]}
      >
        {meters.data?.map((m) => {
          const current = live[m.id];
          const powerW = current?.powerW ?? (m.latest ? netPowerW(m.latest) : null);
          return (
            <tr key={m.id} data-testid="meter-row" data-meter={m.name}>
              <td className="px-3 py-2">
                <Link href={`/energy/meters/${m.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {m.name}
                </Link>
                <div className="text-xs text-slate-500">
                  {t.meters.protocols[m.protocol]} · {t.meters.transports[m.transport]}
                  {m.portPath ? ` · ${m.portPath}` : ""}
                </div>
              </td>
              <td className="px-3 py-2">
                <MeterStatusBadge status={m.enabled ? m.status : "UNKNOWN"} title={m.lastError} />
              </td>
              <td className="px-3 py-2 text-right text-lg font-semibold tabular-nums" data-testid="live-power" data-value={powerW ?? ""}>
                {powerW === null ? "—" : `${formatNumber(powerW, locale)} W`}
              </td>
              <td className="px-3 py-2">
                <RelativeTime date={current?.at ?? m.latest?.at ?? m.lastReadingAt} />
              </td>
              {canEdit && (
                <td className="px-3 py-2">
                  <div className="flex items-start gap-2">
                    <Link href={`/energy/meters/${m.id}/edit`} className="rounded-md border border-slate-300 px-2.5 py-1 text-xs dark:border-slate-600">
                      {t.common.edit}
                    </Link>
                    {m.transport !== "REMOTE" && <TestConnection meterId={m.id} />}
                  </div>
                </td>
              )}
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
