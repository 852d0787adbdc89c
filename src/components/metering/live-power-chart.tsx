"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { TimeSeriesChart } from "~/components/charts/time-series-chart";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";
import { useSiteZone } from "./site-zone";

const HOUR_S = 3_600;

/**
 * The last hour of power: the minute history once, then a point per live reading (the caller's
 * `live` value, in W, at `liveAt`); points older than an hour fall off. Nothing is refetched.
 */
export function LivePowerChart({ meterId, liveW, liveAt }: { meterId?: string; liveW: number | null; liveAt: string | null }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const zone = useSiteZone();
  const [span] = useState(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - HOUR_S * 1000), to };
  });
  const history = useQuery({ ...trpc.metering.history.queryOptions({ ...span, meterId }), staleTime: Number.POSITIVE_INFINITY });
  const [points, setPoints] = useState<{ t: number[]; w: (number | null)[] }>({ t: [], w: [] });

  useEffect(() => {
    if (history.data) setPoints({ t: history.data.t, w: history.data.powerW });
  }, [history.data]);

  useEffect(() => {
    if (liveW === null || liveAt === null) return;
    // One point per second at most: readings of a fleet within the same second replace each other.
    const at = Math.floor(new Date(liveAt).getTime() / 1000);
    setPoints((p) => {
      const last = p.t.at(-1);
      if (last !== undefined && at < last) return p;
      const keepFrom = p.t.findIndex((x) => x >= at - HOUR_S);
      const t = p.t.slice(keepFrom < 0 ? p.t.length : keepFrom);
      const w = p.w.slice(keepFrom < 0 ? p.w.length : keepFrom);
      if (last === at && t.length) {
        t[t.length - 1] = at;
        w[w.length - 1] = liveW;
      } else {
        t.push(at);
        w.push(liveW);
      }
      return { t, w };
    });
  }, [liveW, liveAt]);

  const data = useMemo(() => [points.t, points.w], [points]);
  return (
    <TimeSeriesChart
      xLabel={t.energy.at}
      label={t.energy.lastHour}
      testId="dashboard-power-chart"
      data={data}
      series={[{ label: t.energy.power, unit: "W", color: "#0284c7", fill: "rgba(2,132,199,0.12)" }]}
      height={200}
      timeZone={zone}
      trailingSeconds={HOUR_S}
    />
  );
}
