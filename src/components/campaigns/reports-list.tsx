"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { RelativeTime } from "~/components/ui/relative-time";
import { DataTable } from "~/components/ui/table";
import { useI18n } from "~/i18n/client";
import { formatDuration } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { ProgressBar, ReportCounts, ReportStatusBadge } from "./status-badges";

type Live = { status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED"; progress: number };
const finished = (status: Live["status"]) => status === "COMPLETED" || status === "FAILED" || status === "CANCELLED";

/** A campaign's reports; status and progress move live from the `campaigns` topic. */
export function ReportsList({ campaignId }: { campaignId: string }) {
  const { t, locale } = useI18n();
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
      // A new report, or one that ended: its counts and duration come from the server.
      if (!reports.data?.some((r) => r.id === p.reportId) || finished(p.status)) refetch();
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
        { key: "counts", label: t.campaigns.results },
        { key: "duration", label: t.campaigns.duration },
        { key: "env", label: t.campaigns.environment },
        { key: "by", label: t.campaigns.launchedBy },
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
            <td className="w-40 px-3 py-2">
              <ProgressBar value={current.progress} failed={r.failed > 0 || current.status === "FAILED"} />
            </td>
            <td className="px-3 py-2">
              <ReportCounts passed={r.passed} failed={r.failed} skipped={r.skipped} />
            </td>
            <td className="px-3 py-2 whitespace-nowrap" data-testid="report-duration">
              {r.startedAt && r.finishedAt ? formatDuration(r.finishedAt.getTime() - r.startedAt.getTime(), locale) : "—"}
            </td>
            <td className="px-3 py-2">{r.environment.name}</td>
            <td className="px-3 py-2">{r.launchedBy?.name ?? t.campaigns.launchedByCli}</td>
            <td className="px-3 py-2">
              <RelativeTime date={r.startedAt ?? r.createdAt} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
