"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ReportStatusBadge } from "~/components/campaigns/status-badges";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Card, CardLink } from "~/components/ui/card";
import { RelativeTime } from "~/components/ui/relative-time";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** The latest campaign reports with their pass / fail counts; live. */
export function CampaignsSummary() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { limit: 5 };
  const reports = useQuery(trpc.campaigns.recentReports.queryOptions(input));
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.campaigns.recentReports.queryKey(input) });
  useLiveTopic("campaigns", refetch, { onConnected: refetch });
  return (
    <Card title={t.dashboard.campaigns} actions={<CardLink href="/campaigns">{t.campaigns.title}</CardLink>}>
      {reports.data?.length === 0 && <p className="text-sm text-slate-500">{t.dashboard.noReports}</p>}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="home-reports">
        {reports.data?.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-3 py-1.5 text-sm">
            <ReportStatusBadge status={r.status} />
            <Link href={`/campaigns/reports/${r.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {r.campaign.name} — {r.name}
            </Link>
            <span className="text-slate-500 tabular-nums">{t.dashboard.passedFailed(r.passed, r.failed, r.total)}</span>
            <span className="ml-auto text-xs text-slate-500">
              <RelativeTime date={r.createdAt} />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
