"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { runLogText } from "~/campaigns/run-log-text";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { LiveIndicator } from "~/components/live/live-indicator";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { useI18n } from "~/i18n/client";
import { alertFormat } from "~/platform/alerts/alert-text";
import { useTRPC } from "~/trpc/react";
import { ProgressBar, ReportStatusBadge, TestStatusBadge } from "./status-badges";

type TestStatus = "PENDING" | "RUNNING" | "PASSED" | "FAILED" | "SKIPPED";
type LogLine = { at: string | Date; level: string; message: string; code?: string | null; params?: unknown };

function Console({ lines }: { lines: LogLine[] }) {
  const { locale } = useI18n();
  const format = alertFormat(locale);
  const ref = useRef<HTMLPreElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls to the end each time a line arrives, which the length says
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [lines.length]);
  return (
    <pre ref={ref} data-testid="log-console" className="max-h-72 overflow-auto rounded-md bg-black p-3 font-mono text-xs leading-5 text-slate-100">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: log lines are only ever appended: the index is a stable key
        <div key={i} className={l.level === "error" ? "text-red-400" : l.level === "warn" ? "text-amber-300" : undefined}>
          <span className="text-slate-500">{new Date(l.at).toLocaleTimeString()} </span>
          {runLogText(l, locale, format)}
        </div>
      ))}
    </pre>
  );
}

function ResultLogs({ resultId, live }: { resultId: string; live: LogLine[] | undefined }) {
  const trpc = useTRPC();
  const stored = useQuery({ ...trpc.campaigns.logs.queryOptions({ resultId }), enabled: !live });
  return <Console lines={live ?? stored.data ?? []} />;
}

/** A report filling in live: progress, one accordion row per test, each with its log console. */
export function ReportView({ id, canCancel }: { id: string; canCancel: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const report = useQuery(trpc.campaigns.report.queryOptions({ id }));
  const [statuses, setStatuses] = useState<Record<string, TestStatus>>({});
  const [logs, setLogs] = useState<Record<string, LogLine[]>>({});
  // A failed test is open until the user closes it; others closed until opened.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [progress, setProgress] = useState<{ progress: number; passed: number; failed: number; skipped: number } | null>(null);
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.campaigns.report.queryKey({ id }) });
  const live = useLiveTopic(
    `report:${id}`,
    (event) => {
      switch (event.type) {
        case "test_started": {
          const { resultId } = event.payload;
          setStatuses((s) => ({ ...s, [resultId]: "RUNNING" }));
          // A Postman run adds its results as its requests run.
          if (!report.data?.results.some((row) => row.id === resultId)) refetch();
          break;
        }
        case "assertion_completed":
          // Its test's completion carries the same outcome with the logs.
          break;
        case "test_completed": {
          const { resultId, status, logs } = event.payload;
          setStatuses((s) => ({ ...s, [resultId]: status }));
          setLogs((l) => ({ ...l, [resultId]: logs }));
          break;
        }
        case "campaign_progress": {
          const { progress, passed, failed, skipped } = event.payload;
          setProgress({ progress, passed, failed, skipped });
          break;
        }
        default:
          refetch();
      }
    },
    { onConnected: refetch },
  );
  const cancel = useMutation(trpc.campaigns.cancel.mutationOptions({ onSuccess: refetch }));
  const r = report.data;
  if (!r) return <ErrorText error={report.error} />;
  const counts = progress && r.status === "RUNNING" ? progress : { progress: r.progress, passed: r.passed, failed: r.failed, skipped: r.skipped };
  const running = r.status === "RUNNING" || r.status === "PENDING";
  const toggle = (resultId: string, expanded: boolean) => setToggled((o) => ({ ...o, [resultId]: !expanded }));

  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <span data-testid="report-status" data-status={r.status}>
              <ReportStatusBadge status={r.status} />
            </span>
            <Link href={`/campaigns/${r.campaign.id}`} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              {r.campaign.name}
            </Link>
            <span className="text-sm text-slate-500">
              {t.campaigns.environment}: {r.environment.name}
            </span>
          </div>
          <div className="flex items-center gap-2">
            {running && <LiveIndicator status={live} />}
            {running && canCancel && (
              <Button variant="danger" size="sm" onClick={() => cancel.mutate({ id })} disabled={cancel.isPending}>
                {t.campaigns.cancel}
              </Button>
            )}
            <a href={`/api/reports/${id}/export?format=json`} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              {t.campaigns.exportJson}
            </a>
            <a href={`/api/reports/${id}/export?format=junit`} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              {t.campaigns.exportJunit}
            </a>
          </div>
        </div>
        <div className="mt-3 flex items-center gap-3">
          <ProgressBar value={counts.progress} failed={counts.failed > 0} />
          <span className="whitespace-nowrap text-sm tabular-nums" data-testid="progress-value">
            {counts.progress} %
          </span>
        </div>
        <p className="mt-1 text-xs text-slate-500" data-testid="counts">
          {t.campaigns.counts(counts.passed, counts.failed, counts.skipped)}
        </p>
        {r.error && <p className="mt-2 text-sm text-red-600">{r.error}</p>}
        <ErrorText error={cancel.error} />
      </Card>
      <ol className="space-y-2">
        {r.results.map((result) => {
          const status = statuses[result.id] ?? result.status;
          const expanded = toggled[result.id] ?? status === "FAILED";
          return (
            <li
              key={result.id}
              data-testid="result-row"
              data-status={status}
              className="rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
            >
              <button
                type="button"
                onClick={() => toggle(result.id, expanded)}
                aria-expanded={expanded}
                className="flex w-full items-center gap-3 px-4 py-2 text-left"
              >
                <TestStatusBadge status={status} />
                <span className="font-medium">{result.testName}</span>
                {result.durationMs !== null && <span className="ml-auto text-xs text-slate-500">{result.durationMs} ms</span>}
              </button>
              {expanded && (
                <div className="px-4 pb-3">
                  <ResultLogs resultId={result.id} live={logs[result.id]} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
