"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Card, CardLink } from "~/components/ui/card";
import { RelativeTime } from "~/components/ui/relative-time";
import { SeverityBadge } from "~/components/ui/severity-badge";
import { useI18n } from "~/i18n/client";
import { useServerText } from "./use-server-text";
import { useTRPC } from "~/trpc/react";

/** The five latest unacknowledged alerts, optionally of one source, kept live. */
export function LatestAlerts({ sourceKind, sourceId }: { sourceKind?: "METER" | "BACKUP_JOB" | "CAMPAIGN" | "SYSTEM"; sourceId?: string }) {
  const { t } = useI18n();
  const text = useServerText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { filter: { acknowledged: false, sourceKind, sourceId }, limit: 5 };
  const alerts = useQuery(trpc.alerts.list.queryOptions(input));
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.alerts.list.queryKey(input) });
  useLiveTopic("alerts", refetch, { onConnected: refetch });
  const items = alerts.data?.items ?? [];
  return (
    <Card title={t.dashboard.latestAlerts} actions={<CardLink href="/alerts">{t.dashboard.seeAll}</CardLink>}>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{alerts.isLoading ? t.common.loading : t.dashboard.noAlerts}</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="latest-alerts">
          {items.map((a) => (
            <li key={a.id} className="flex items-start justify-between gap-3 py-2 text-sm">
              <div>
                <div className="font-medium">{text.alert(a).title}</div>
                <div className="text-xs text-slate-500">
                  <RelativeTime date={a.occurredAt} />
                  {a.measuredValue !== null && ` · ${text.measured(a.measuredValue, a.unit)}`}
                </div>
              </div>
              <SeverityBadge severity={a.severity} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
