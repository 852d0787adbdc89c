"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { LivePowerChart } from "~/components/metering/live-power-chart";
import { Card, Stat } from "~/components/ui/card";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

/** Site power now with the last hour, today's energy and cost; follows every reading. */
export function EnergySummary() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dashboard = useQuery(trpc.metering.dashboard.queryOptions({}));
  const [live, setLive] = useState<Record<string, { at: string; powerW: number }>>({});
  const refreshedAt = useRef(0);
  useLiveTopic("energy", (event) => {
    const { meterId, at, powerW } = event.payload;
    if (powerW !== null) setLive((l) => ({ ...l, [meterId]: { at, powerW } }));
    // Today's energy and cost move slowly: once a minute is enough.
    if (Date.now() - refreshedAt.current > 60_000) {
      refreshedAt.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: trpc.metering.dashboard.queryKey({}) });
    }
  });
  const d = dashboard.data;
  const byMeter = new Map(d?.meters.map((m) => [m.id, m.powerW]) ?? []);
  for (const [id, l] of Object.entries(live)) byMeter.set(id, l.powerW);
  const values = [...byMeter.values()].filter((w): w is number => w !== null);
  const totalW = values.length ? values.reduce((a, b) => a + b, 0) : null;
  const latestAt = Object.values(live).reduce<string | null>((latest, l) => (latest === null || l.at > latest ? l.at : latest), null);
  const cost = d?.today.cost;
  return (
    <Card
      title={t.dashboard.energy}
      actions={
        <Link href="/energy" className="text-xs text-sky-700 underline dark:text-sky-400">
          {t.energy.title}
        </Link>
      }
    >
      <div className="mb-3 grid grid-cols-3 gap-4" data-testid="home-energy">
        <span data-testid="home-power" data-value={totalW ?? ""}>
          <Stat label={t.dashboard.powerNow} value={totalW === null ? "—" : `${formatNumber(totalW / 1000, locale, 2)} kW`} />
        </span>
        <Stat label={t.energy.todayEnergy} value={d ? `${formatNumber(d.today.importKwh, locale, 1)} kWh` : "—"} />
        <Stat
          label={t.energy.todayCost}
          value={
            cost?.currency ? (
              new Intl.NumberFormat(locale, { style: "currency", currency: cost.currency }).format(cost.total)
            ) : (
              <Link href="/energy/tariffs" className="text-base font-medium text-sky-700 hover:underline dark:text-sky-400">
                {t.energy.noTariff}
              </Link>
            )
          }
        />
      </div>
      <LivePowerChart liveW={totalW} liveAt={latestAt} />
    </Card>
  );
}
