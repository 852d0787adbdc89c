"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { RelativeTime } from "~/components/ui/relative-time";
import { DataTable } from "~/components/ui/table";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";
import { ProgressBar, ReportStatusBadge } from "./status-badges";

type Live = { status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED"; progress: number };

/** A campaign's reports; status and progress move live from the `campaigns` topic. */
export function ReportsList({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reports = useQuery(trpc.campaigns.reports.queryOptions({ campaignId }));
  const [live, setLive] = useState<Record<string, Live>>({});
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.campaigns.reports.queryKey({ campaignId }) });
  useLiveTopic(
    "campaigns",
    (event) => {
      const p = event.payload;
      if (p.campaignId !== campaignId) return;
      if (!reports.data?.some((r) => r.id === p.reportId)) refetch();
      setLive((l) => ({ ...l, [p.reportId]: { status: p.status, progress: p.progress } }));
    },
    { onConnected: refetch },
  );
  if (reports.data?.length === 0) return <p className="text-sm text-slate-500">{t.campaigns.noReports}</p>;
  return (
    <DataTable
      columns={[
        { key: "name", label: t.common.name },
        { key: "status", label: t.common.status },
        { key: "progress", label: t.campaigns.progress },
        { key: "env", label: t.campaigns.environment },
        { key: "when", label: t.backups.startedAt },
      ]}
    >
      {reports.data?.map((r) => {
        const current = live[r.id] ?? { status: r.status, progress: r.progress };
        return (
          <tr key={r.id} data-testid="report-row" data-report={r.name}>
            <td className="px-3 py-2">
              <Link href={`/campaigns/reports/${r.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                {r.name}
              </Link>
            </td>
            <td className="px-3 py-2">
              <ReportStatusBadge status={current.status} />
            </td>
            <td className="w-48 px-3 py-2">
              <ProgressBar value={current.progress} />
            </td>
            <td className="px-3 py-2">{r.environment.name}</td>
            <td className="px-3 py-2">
              <RelativeTime date={r.createdAt} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
