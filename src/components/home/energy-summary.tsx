"use client";

import { LivePowerChart } from "~/components/metering/live-power-chart";
import { TodayCost } from "~/components/metering/today-cost";
import { useLiveDashboard } from "~/components/metering/use-live-dashboard";
import { Card, CardLink, Stat } from "~/components/ui/card";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";

/** Site power now with the last hour, today's energy and cost; follows every reading (the rest once a minute). */
export function EnergySummary() {
  const { t, locale } = useI18n();
  const { dashboard, totalW, latestLiveAt } = useLiveDashboard(undefined, 60_000);
  const d = dashboard.data;
  return (
    <Card title={t.dashboard.energy} actions={<CardLink href="/energy">{t.energy.title}</CardLink>}>
      <div className="mb-3 grid grid-cols-3 gap-4" data-testid="home-energy">
        <span data-testid="home-power" data-value={totalW ?? ""}>
          <Stat label={t.dashboard.powerNow} value={totalW === null ? "—" : `${formatNumber(totalW / 1000, locale, 2)} kW`} />
        </span>
        <Stat label={t.energy.todayEnergy} value={d ? `${formatNumber(d.today.importKwh, locale, 1)} kWh` : "—"} />
        <TodayCost cost={d?.today.cost} />
      </div>
      <LivePowerChart liveW={totalW} liveAt={latestLiveAt} />
    </Card>
  );
}
