"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { LiveIndicator } from "~/components/live/live-indicator";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { useI18n } from "~/i18n/client";
import { formatBytes, formatDuration } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { ScanButton } from "./scan-button";
import { SizeChart } from "./size-chart";
import { BackupStatusBadge } from "./status-badge";
import { PingSnippets } from "./ping-snippets";
import { useServerText } from "~/components/alerts/use-server-text";
import { formatMinutes } from "~/components/ui/duration-field";
import { ScheduleSummary } from "./schedule-summary";

/** One job: status and facts, its ping URL, a size chart and the timeline of artefacts, runs and flips. */
export function BackupJobDetail({ id, canEdit, origin }: { id: string; canEdit: boolean; origin: string }) {
  const { t, locale } = useI18n();
  const text = useServerText();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const job = useQuery(trpc.backups.get.queryOptions({ id }));
  const timeline = useQuery(trpc.backups.timeline.queryOptions({ id, limit: 100 }));
  const refetch = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.backups.get.queryKey({ id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.backups.timeline.pathKey() });
  };
  const status = useLiveTopic(`backup:${id}`, refetch, { onConnected: refetch });
  const remove = useMutation(trpc.backups.delete.mutationOptions({ onSuccess: () => router.push("/backups") }));
  const j = job.data;
  if (!j) return <ErrorText error={job.error} />;
  const pingUrl = `${origin}/api/v1/ping/${j.pingToken}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <BackupStatusBadge status={j.status} reason={j.statusReason} />
          <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="status-reason">
            {text.backupReason(j.statusReason)}
          </span>
        </div>
        <div className="flex items-start gap-2">
          <LiveIndicator status={status} />
          {canEdit && (
            <>
              <ScanButton jobId={id} />
              <Link href={`/backups/${id}/edit`} className="rounded-md border border-slate-300 px-3.5 py-2 text-sm dark:border-slate-600">
                {t.common.edit}
              </Link>
              <Button variant="danger" onClick={() => window.confirm(t.backups.confirmDelete(j.name)) && remove.mutate({ id })}>
                {t.common.delete}
              </Button>
            </>
          )}
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Card title={t.backups.location}>
          <p className="break-all font-mono text-sm">
            {j.location}/{j.pattern}
            {j.recursive ? " (**)" : ""}
          </p>
          <div className="mt-2 text-slate-600 dark:text-slate-400">
            <ScheduleSummary schedule={j} after={j.lastSuccessAt ?? new Date()} />
            <p className="mt-1 text-sm">
              {t.backups.graceMinutes}: {formatMinutes(j.graceMinutes, locale)}
            </p>
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {t.backups.lastScan}: <RelativeTime date={j.lastScanAt} />
          </p>
        </Card>
        <Card title={t.backups.lastArtefact}>
          {j.latestArtefactAt ? (
            <>
              <p className="break-all font-mono text-sm">{j.latestArtefactPath}</p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                <RelativeTime date={j.latestArtefactAt} /> · {formatBytes(Number(j.latestArtefactSize ?? 0), locale)}
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-500">{t.common.never}</p>
          )}
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {t.backups.nextDeadline}: {j.nextDeadlineAt ? <RelativeTime date={j.nextDeadlineAt} /> : "—"}
          </p>
        </Card>
        <Card title={t.backups.pingUrl}>
          <PingSnippets url={pingUrl} />
          <p className="mt-2 text-xs text-slate-500">{t.backups.pingHint}</p>
        </Card>
      </div>
      <Card title={t.backups.sizeChart}>
        <SizeChart sizes={timeline.data?.sizes.map((s) => s.size) ?? []} width={720} height={160} detailed locale={locale} />
      </Card>
      <Card title={t.backups.timeline}>
        <ol className="space-y-2 text-sm" data-testid="timeline">
          {timeline.data?.entries.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced as a whole and never reordered: the index is a stable key
            <li key={i} className="flex gap-3 border-b border-slate-100 pb-2 last:border-0 dark:border-slate-800" data-kind={e.kind}>
              <span className="w-28 shrink-0 text-slate-500">
                <RelativeTime date={e.at} />
              </span>
              {e.kind === "artefact" && (
                <span>
                  {t.backups.artefact} <span className="font-mono">{e.path}</span> · {formatBytes(e.size, locale)}
                </span>
              )}
              {e.kind === "run" && (
                <span>
                  {t.backups.run} {e.outcome === "RUNNING" ? "…" : e.outcome === "SUCCEEDED" ? "✓" : "✗"}
                  {e.exitCode !== null && ` · ${t.backups.exitCode} ${e.exitCode}`}
                  {e.durationMs !== null && ` · ${t.backups.duration} ${formatDuration(e.durationMs, locale)}`}
                  {e.log && <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-2 text-xs text-slate-100">{e.log}</pre>}
                </span>
              )}
              {e.kind === "flip" && (
                <span className="flex items-center gap-2">
                  {t.backups.flip}: <BackupStatusBadge status={e.from as "OK"} /> → <BackupStatusBadge status={e.to as "OK"} />
                  <span className="text-slate-500">{text.backupReason(e.reason)}</span>
                </span>
              )}
            </li>
          ))}
        </ol>
      </Card>
      <ErrorText error={remove.error} />
    </div>
  );
}
