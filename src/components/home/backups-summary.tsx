"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { BackupStatusBadge } from "~/components/backups/status-badge";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Card, CardLink } from "~/components/ui/card";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

const states = ["OK", "LATE", "FAILED", "MISSING", "PAUSED"] as const;
const attention = new Set(["LATE", "FAILED", "MISSING"]);

/** Backup jobs counted by state, and the ones that need a look; live. */
export function BackupsSummary() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const jobs = useQuery(trpc.backups.list.queryOptions());
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.backups.list.queryKey() });
  useLiveTopic("backups", (event) => event.type !== "scan.progress" && refetch(), { onConnected: refetch });
  const list = jobs.data ?? [];
  const late = list.filter((j) => attention.has(j.status));
  return (
    <Card title={t.dashboard.backups} actions={<CardLink href="/backups">{t.backups.title}</CardLink>}>
      <ul className="mb-3 flex flex-wrap gap-4" data-testid="home-backup-counts">
        {states.map((s) => (
          <li key={s} className="flex items-center gap-2 text-sm" data-status={s} data-count={list.filter((j) => j.status === s).length}>
            <BackupStatusBadge status={s} />
            <span className="text-lg font-semibold tabular-nums">{list.filter((j) => j.status === s).length}</span>
          </li>
        ))}
      </ul>
      {jobs.data && list.length === 0 && <p className="text-sm text-slate-500">{t.dashboard.noBackups}</p>}
      {list.length > 0 && late.length === 0 && <p className="text-sm text-emerald-700 dark:text-emerald-400">{t.dashboard.allBackupsFine}</p>}
      {late.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{t.dashboard.needsAttention}</h3>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="home-backups-attention">
            {late.map((j) => (
              <li key={j.id} className="flex items-center justify-between gap-3 py-1.5 text-sm">
                <Link href={`/backups/${j.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {j.name}
                </Link>
                <BackupStatusBadge status={j.status} reason={j.statusReason} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
