"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { LiveIndicator } from "~/components/live/live-indicator";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { MeterStatusBadge } from "~/components/meters/meter-status-badge";
import { Card, Stat } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { SeverityBadge } from "~/components/ui/severity-badge";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { useEnergyScope } from "./energy-nav";

type LivePower = Record<string, { at: string; powerW: number }>;
/** Phases, grid quality and statistics follow readings at most this often; power follows every one. */
const REFRESH_MS = 10_000;

/** Live power of the site or one meter, today's energy and cost, the last 24 h and the latest events. */
export function EnergyDashboard() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const meterId = useEnergyScope();
  const input = { meterId };
  const dashboard = useQuery(trpc.metering.dashboard.queryOptions(input));
  const [live, setLive] = useState<LivePower>({});
  const refreshedAt = useRef(0);
  const refetch = () => {
    refreshedAt.current = Date.now();
    void queryClient.invalidateQueries({ queryKey: trpc.metering.dashboard.queryKey(input) });
  };
  const status = useLiveTopic(
    "energy",
    (event) => {
      const p = event.payload;
      if (meterId && p.meterId !== meterId) return;
      const { powerW } = p;
      if (powerW !== null) setLive((l) => ({ ...l, [p.meterId]: { at: p.at, powerW } }));
      if (Date.now() - refreshedAt.current > REFRESH_MS) refetch();
    },
    { onConnected: refetch },
  );
  useLiveTopic("alerts", () => refetch());

  const d = dashboard.data;
  const kw = (w: number | null | undefined, digits = 2) => (w == null ? "—" : `${formatNumber(w / 1000, locale, digits)} kW`);
  const powerOf = (m: NonNullable<typeof d>["meters"][number]) => {
    const l = live[m.id];
    return l && (!m.readingAt || new Date(l.at) >= new Date(m.readingAt)) ? l.powerW : m.powerW;
  };
  const online = d?.meters.filter((m) => (m.status === "ONLINE" || live[m.id]) && powerOf(m) !== null) ?? [];
  const totalW = online.length ? online.reduce((sum, m) => sum + powerOf(m)!, 0) : null;
  const cost = d?.today.cost;
  const money = (v: number) => new Intl.NumberFormat(locale, { style: "currency", currency: cost?.currency ?? "EUR" }).format(v);

  return (
    <div className="space-y-6">
      <ErrorText error={dashboard.error} />
      <div className="flex justify-end">
        <LiveIndicator status={status} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Card>
          <span data-testid="dashboard-power" data-value={totalW ?? ""}>
            <Stat label={meterId ? t.energy.livePower : t.energy.sitePower} value={kw(totalW)} />
          </span>
        </Card>
        <Card>
          <span data-testid="dashboard-today">
            <Stat
              label={t.energy.todayEnergy}
              value={d ? `${formatNumber(d.today.importKwh, locale, 2)} kWh` : "—"}
              hint={d?.today.exportKwh ? t.energy.exported(formatNumber(d.today.exportKwh, locale, 2)) : undefined}
            />
          </span>
        </Card>
        <Card>
          <span data-testid="dashboard-cost">
            <Stat label={t.energy.todayCost} value={cost?.currency ? money(cost.total) : "—"} />
          </span>
        </Card>
        <Card>
          <Stat
            label={t.energy.last24h}
            value={kw(d?.last24h.averagePowerW)}
            hint={
              d
                ? `${t.energy.min} ${kw(d.last24h.minPowerW)} · ${t.energy.max} ${kw(d.last24h.maxPowerW)} · ${t.energy.samples(formatNumber(d.last24h.samples, locale))}`
                : undefined
            }
          />
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        {d?.meters.map((m) => (
          <div key={m.id} data-testid="dashboard-meter" data-meter-id={m.id}>
            <Card title={m.name} actions={<MeterStatusBadge status={m.status} title={m.lastError} />}>
              <div className="space-y-4">
                <div className="flex flex-wrap items-end justify-between gap-4">
                  <Stat label={t.energy.livePower} value={kw(powerOf(m))} />
                  <div className="text-right text-xs text-slate-500">
                    {t.energy.lastReading} : {live[m.id] || m.readingAt ? <RelativeTime date={live[m.id]?.at ?? m.readingAt} /> : t.energy.noReading}
                  </div>
                </div>
                <table className="w-full text-sm tabular-nums">
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th className="text-left font-medium">{t.energy.phases}</th>
                      <th className="text-right font-medium">{t.energy.power}</th>
                      <th className="text-right font-medium">{t.energy.voltage}</th>
                      <th className="text-right font-medium">{t.energy.current}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[0, 1, 2].map((i) => (
                      <tr key={i} data-testid="phase-row">
                        <td>L{i + 1}</td>
                        <td className="text-right">{m.phases.powerW[i] == null ? "—" : `${formatNumber(m.phases.powerW[i]!, locale)} W`}</td>
                        <td className="text-right">{m.phases.voltageV[i] == null ? "—" : `${formatNumber(m.phases.voltageV[i]!, locale, 1)} V`}</td>
                        <td className="text-right">{m.phases.currentA[i] == null ? "—" : `${formatNumber(m.phases.currentA[i]!, locale, 2)} A`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <dl className="grid grid-cols-3 gap-2 text-sm" aria-label={t.energy.grid}>
                  {[
                    [t.energy.frequency, m.grid.frequencyHz == null ? "—" : `${formatNumber(m.grid.frequencyHz, locale, 2)} Hz`],
                    [t.energy.powerFactor, m.grid.powerFactor == null ? "—" : formatNumber(m.grid.powerFactor, locale, 3)],
                    [t.energy.thd, m.grid.thdVoltagePct == null ? "—" : `${formatNumber(m.grid.thdVoltagePct, locale, 1)} %`],
                  ].map(([label, value]) => (
                    <div key={label}>
                      <dt className="text-xs text-slate-500">{label}</dt>
                      <dd className="tabular-nums">{value}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            </Card>
          </div>
        ))}
      </div>

      <Card
        title={t.energy.latestEvents}
        actions={
          <Link
            href={`/energy/events${meterId ? `?meter=${encodeURIComponent(meterId)}` : ""}`}
            className="text-sm text-sky-700 hover:underline dark:text-sky-400"
          >
            {t.energy.allEvents}
          </Link>
        }
      >
        {d && d.events.length === 0 && <p className="text-sm text-slate-500">{t.energy.noEvents}</p>}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {d?.events.map((e) => (
            <li key={e.id} data-testid="dashboard-event" className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <SeverityBadge severity={e.severity} />
              <span className="font-medium">{e.title}</span>
              {e.measuredValue !== null && <span className="tabular-nums text-slate-500">{`${e.measuredValue}${e.unit ? ` ${e.unit}` : ""}`}</span>}
              <span className="ml-auto text-xs text-slate-500">
                <RelativeTime date={e.occurredAt} />
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
