"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { LiveIndicator } from "~/components/live/live-indicator";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, Stat } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { useI18n } from "~/i18n/client";
import { formatBytes, formatNumber } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

const jobStates = ["all", "pending", "scheduled", "running", "retrying", "failed"] as const;

export function SystemPanel() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.system.overview.queryOptions());
  const [state, setState] = useState<(typeof jobStates)[number]>("all");
  const jobs = useQuery(trpc.system.jobs.queryOptions({ state, limit: 100 }));
  const [lastBeat, setLastBeat] = useState<Date | null>(null);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.system.pathKey() });
  const status = useLiveTopic(
    "system",
    (event) => {
      if (event.type === "worker.heartbeat") setLastBeat(new Date(event.payload.beatAt));
      refresh();
    },
    { onConnected: refresh },
  );
  const retry = useMutation(trpc.system.retryJobs.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.system.deleteJobs.mutationOptions({ onSuccess: refresh }));

  const data = overview.data;
  const queried = data?.worker.lastBeatAt ? new Date(data.worker.lastBeatAt) : null;
  const beat = lastBeat && (!queried || lastBeat > queried) ? lastBeat : queried;
  const jobLabel = (s: (typeof jobStates)[number]) => (s === "all" ? t.common.all : t.system[s]);

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <LiveIndicator status={status} />
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Card title={t.system.worker}>
          <div className="flex items-center gap-2">
            {data?.worker.alive ? <Badge tone="green">● {t.system.alive}</Badge> : <Badge tone="red">● {t.system.down}</Badge>}
          </div>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {t.system.lastHeartbeat}:{" "}
            <span data-testid="last-heartbeat" data-value={beat?.toISOString() ?? ""}>
              <RelativeTime date={beat} />
            </span>
          </p>
          <ul className="mt-2 space-y-0.5 text-xs text-slate-500">
            {data?.worker.workers.map((w) => (
              <li key={w.workerId}>
                {w.hostname} · pid {w.pid} · {w.alive ? t.system.alive : t.system.down}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t.system.queue}>
          <div className="grid grid-cols-2 gap-3">
            <Stat label={t.system.pending} value={data?.queue.pending ?? "—"} />
            <Stat label={t.system.scheduled} value={data?.queue.scheduled ?? "—"} />
            <Stat label={t.system.running} value={data?.queue.running ?? "—"} />
            <Stat label={t.system.failed} value={<span className={data?.queue.failed ? "text-red-600" : ""}>{data?.queue.failed ?? "—"}</span>} />
          </div>
        </Card>
        <Card title={t.system.database}>
          <Stat label={t.system.databaseSize} value={data ? formatBytes(data.databaseSizeBytes, locale) : "—"} />
        </Card>
        <Card title={t.system.liveEvents}>
          <Stat
            label={t.system.liveEvents}
            value={data ? formatNumber(data.liveEvents.perSecond, locale, 2) : "—"}
            hint={
              data ? `${t.system.eventRate(formatNumber(data.liveEvents.perSecond, locale, 2))} · ${t.system.sseConnections(data.sseConnections)}` : undefined
            }
          />
          <Sparkline values={data?.liveEvents.perMinute.map((m) => m.count) ?? []} />
        </Card>
      </div>

      <Card title={t.system.schedule}>
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1 pr-4">{t.system.job}</th>
              <th className="py-1 pr-4">{t.system.pattern}</th>
              <th className="py-1 pr-4">{t.system.lastRun}</th>
              <th className="py-1">{t.system.nextRun}</th>
            </tr>
          </thead>
          <tbody>
            {data?.schedules.map((s) => (
              <tr key={s.identifier} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1.5 pr-4">
                  <div className="font-medium">{t.system.tasks[s.identifier]?.label ?? s.identifier}</div>
                  <div className="text-xs text-slate-500">{t.system.tasks[s.identifier]?.description ?? s.description}</div>
                </td>
                <td className="py-1.5 pr-4 font-mono text-xs">{s.pattern}</td>
                <td className="py-1.5 pr-4">
                  <RelativeTime date={s.lastRunAt} />
                </td>
                <td className="py-1.5">
                  <RelativeTime date={s.nextRunAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card
        title={t.system.queue}
        actions={
          <fieldset className="flex flex-wrap gap-1">
            {jobStates.map((s) => (
              <Button key={s} size="sm" variant={state === s ? "primary" : "secondary"} aria-pressed={state === s} onClick={() => setState(s)}>
                {jobLabel(s)}
              </Button>
            ))}
          </fieldset>
        }
      >
        <ErrorText error={retry.error ?? remove.error} />
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">#</th>
                <th className="py-1 pr-3">{t.system.job}</th>
                <th className="py-1 pr-3">{t.common.status}</th>
                <th className="py-1 pr-3">{t.system.attempts}</th>
                <th className="py-1 pr-3">{t.system.runAt}</th>
                <th className="py-1 pr-3">{t.system.lastError}</th>
                <th className="py-1">{t.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data?.map((j) => (
                <tr key={j.id} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="job-row">
                  <td className="py-1.5 pr-3 tabular-nums">{j.id}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{j.task}</td>
                  <td className="py-1.5 pr-3">
                    <Badge tone={j.state === "failed" ? "red" : j.state === "running" ? "blue" : j.state === "retrying" ? "yellow" : "grey"}>
                      {jobLabel(j.state)}
                    </Badge>
                  </td>
                  <td className="py-1.5 pr-3 tabular-nums">
                    {j.attempts}/{j.maxAttempts}
                  </td>
                  <td className="py-1.5 pr-3">
                    <RelativeTime date={j.runAt} />
                  </td>
                  <td className="max-w-md py-1.5 pr-3 text-xs text-red-700 dark:text-red-400">
                    <span className="line-clamp-3 whitespace-pre-wrap">{j.lastError}</span>
                  </td>
                  <td className="space-x-1 whitespace-nowrap py-1.5">
                    {j.state !== "running" && (
                      <>
                        <Button size="sm" variant="secondary" onClick={() => retry.mutate({ ids: [j.id] })}>
                          {t.common.retry}
                        </Button>
                        <Button size="sm" variant="danger" onClick={() => remove.mutate({ ids: [j.id] })}>
                          {t.common.delete}
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
              {jobs.data?.length === 0 && (
                <tr>
                  <td colSpan={7} className="py-4 text-center text-slate-500">
                    {t.system.noJobs}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}

function Sparkline({ values }: { values: number[] }) {
  if (values.length < 2) return null;
  const max = Math.max(...values, 1);
  const points = values.map((v, i) => `${(i / (values.length - 1)) * 100},${30 - (v / max) * 28}`).join(" ");
  return (
    <svg viewBox="0 0 100 30" className="mt-2 h-8 w-full text-sky-500" preserveAspectRatio="none" aria-hidden>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
