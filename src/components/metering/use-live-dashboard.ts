"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { type RouterOutputs, useTRPC } from "~/trpc/react";

type DashboardMeter = RouterOutputs["metering"]["dashboard"]["meters"][number];

/**
 * The energy dashboard's data (site or one meter) kept live: power follows every reading on the
 * `energy` topic; the rest (today's energy and cost, phases, statistics) is refetched at most every
 * `refreshMs`. `totalW` sums the latest power of the meters that are online.
 */
export function useLiveDashboard(meterId: string | undefined, refreshMs: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { meterId };
  const dashboard = useQuery(trpc.metering.dashboard.queryOptions(input));
  const [live, setLive] = useState<Record<string, { at: string; powerW: number }>>({});
  const refreshedAt = useRef(0);
  const refetch = () => {
    refreshedAt.current = Date.now();
    void queryClient.invalidateQueries({ queryKey: trpc.metering.dashboard.queryKey(input) });
  };
  const status = useLiveTopic(
    "energy",
    (event) => {
      const { meterId: from, at, powerW } = event.payload;
      if (meterId && from !== meterId) return;
      if (powerW !== null) setLive((l) => ({ ...l, [from]: { at, powerW } }));
      // A meter the dashboard does not list yet (new, or just back) is fetched at once.
      const known = dashboard.data?.meters.some((m) => m.id === from) ?? true;
      if (!known || Date.now() - refreshedAt.current > refreshMs) refetch();
    },
    { onConnected: refetch },
  );

  const powerOf = (m: DashboardMeter) => {
    const l = live[m.id];
    return l && (!m.readingAt || new Date(l.at) >= new Date(m.readingAt)) ? l.powerW : m.powerW;
  };
  const meters = dashboard.data?.meters ?? [];
  const online = meters.filter((m) => (m.status === "ONLINE" || live[m.id]) && powerOf(m) !== null).map((m) => powerOf(m)!);
  // Readings of meters the dashboard does not list yet count until it is refetched.
  const unlisted = Object.entries(live)
    .filter(([id]) => !meters.some((m) => m.id === id))
    .map(([, l]) => l.powerW);
  const powers = [...online, ...unlisted];
  const totalW = powers.length ? powers.reduce((sum, w) => sum + w, 0) : null;
  const latestLiveAt = Object.values(live).reduce<string | null>((latest, l) => (latest === null || l.at > latest ? l.at : latest), null);
  return { dashboard, status, refetch, live, powerOf, totalW, latestLiveAt };
}
