"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Card, Stat } from "~/components/ui/card";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

/** Today's and this month's energy and cost, refreshed as readings arrive (at most once a minute). */
export function CostSummary() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [range] = useState(() => {
    const now = new Date();
    return { from: new Date(now.getFullYear(), now.getMonth(), 1), to: new Date(now.getFullYear(), now.getMonth() + 1, 1) };
  });
  const cost = useQuery(trpc.metering.cost.queryOptions(range));
  const [refreshedAt, setRefreshedAt] = useState(0);
  useLiveTopic("energy", () => {
    if (Date.now() - refreshedAt < 60_000) return;
    setRefreshedAt(Date.now());
    void queryClient.invalidateQueries({ queryKey: trpc.metering.cost.queryKey(range) });
  });
  const todayKey = new Date().toLocaleDateString("sv-SE", { timeZone: cost.data?.timezone });
  const today = cost.data?.days.find((d) => d.date === todayKey);
  const month = cost.data?.months[0];
  const money = (v: number | undefined, currency: string | null | undefined) =>
    v === undefined ? "—" : new Intl.NumberFormat(locale, { style: "currency", currency: currency ?? "EUR" }).format(v);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title={t.tariffs.today}>
        <div className="flex gap-8">
          <Stat label={t.tariffs.energy} value={today ? `${formatNumber(today.importKwh, locale, 2)} kWh` : "—"} />
          <span data-testid="cost-today">
            <Stat label={t.tariffs.cost} value={money(today?.total, today?.currency)} />
          </span>
        </div>
      </Card>
      <Card title={t.tariffs.month}>
        <div className="flex gap-8">
          <Stat label={t.tariffs.energy} value={month ? `${formatNumber(month.importKwh, locale, 1)} kWh` : "—"} />
          <span data-testid="cost-month">
            <Stat label={t.tariffs.cost} value={money(month?.total, month?.currency)} />
          </span>
        </div>
      </Card>
    </div>
  );
}
