"use client";

import { useQuery } from "@tanstack/react-query";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** Whether the database answers and a worker is alive, checked every 15 s (the heartbeat's own pace). */
export function HealthSummary() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.system.health.queryOptions(), refetchInterval: 15_000 });
  const h = health.data;
  return (
    <Card title={t.dashboard.health}>
      <ErrorText error={health.error} />
      {h && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="home-health" data-worker-alive={h.worker.alive}>
          <dt className="text-slate-500">{t.dashboard.database}</dt>
          <dd className="text-emerald-700 dark:text-emerald-400">{t.dashboard.databaseOk(h.database.latencyMs)}</dd>
          <dt className="text-slate-500">{t.dashboard.worker}</dt>
          <dd className={h.worker.alive ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}>
            {h.worker.alive ? t.dashboard.workerAlive(h.worker.count) : t.dashboard.workerDown}
            {h.worker.lastBeatAt && (
              <span className="ml-2 text-xs text-slate-500">
                {t.dashboard.lastBeat} <RelativeTime date={h.worker.lastBeatAt} />
              </span>
            )}
          </dd>
        </dl>
      )}
    </Card>
  );
}
