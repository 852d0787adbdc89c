"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Icon } from "~/components/ui/icons";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** Unacknowledged alerts, kept current by the `alerts` topic. */
export function AlertBell() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const count = useQuery(trpc.alerts.unacknowledgedCount.queryOptions());
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.alerts.unacknowledgedCount.queryKey() });
  useLiveTopic(
    "alerts",
    (event) => {
      if (event.type === "alert.acknowledged") {
        queryClient.setQueryData(trpc.alerts.unacknowledgedCount.queryKey(), event.payload.unacknowledged);
      } else {
        refetch();
      }
    },
    { onConnected: refetch },
  );
  const n = count.data ?? 0;
  return (
    <Link
      href="/alerts?acknowledged=false"
      aria-label={t.shell.unacknowledged(n)}
      title={t.shell.unacknowledged(n)}
      data-testid="alert-bell"
      data-count={count.data ?? ""}
      className="relative inline-flex h-9 w-9 items-center justify-center rounded-full text-lg hover:bg-slate-100 dark:hover:bg-slate-800"
    >
      <Icon name="bell" className="h-5 w-5" />
      {n > 0 && (
        <span
          data-testid="alert-bell-count"
          className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {n > 99 ? "99+" : n}
        </span>
      )}
    </Link>
  );
}
