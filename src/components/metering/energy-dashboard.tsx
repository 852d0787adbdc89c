"use client";

import Link from "next/link";
import { LiveIndicator } from "~/components/live/live-indicator";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { MeterStatusBadge } from "~/components/meters/meter-status-badge";
import { Card, Stat } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { SeverityBadge } from "~/components/ui/severity-badge";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import type { RouterOutputs } from "~/trpc/react";
import { useEnergyScope } from "./energy-nav";
import { TodayCost } from "./today-cost";
import { useLiveDashboard } from "./use-live-dashboard";
import { useServerText } from "~/components/alerts/use-server-text";
import { LivePowerChart } from "./live-power-chart";

/** Phases, grid quality and statistics follow readings at most this often; power follows every one. */
const REFRESH_MS = 10_000;

/** Live power of the site or one meter, today's energy and cost, the last 24 h and the latest events. */
export function EnergyDashboard() {
  const { t, locale } = useI18n();
  const text = useServerText();
  const meterId = useEnergyScope();
  const { dashboard, status, refetch, live, powerOf, totalW, latestLiveAt } = useLiveDashboard(meterId, REFRESH_MS);
  useLiveTopic("alerts", () => refetch());

  const d = dashboard.data;
  const kw = (w: number | null | undefined, digits = 2) => (w == null ? "—" : `${formatNumber(w / 1000, locale, digits)} kW`);

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
            <TodayCost cost={d?.today.cost} />
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

      <Card title={t.energy.lastHour}>
        {/* Keyed by scope: another meter is another hour of history. */}
        <LivePowerChart key={meterId ?? "site"} meterId={meterId} liveW={totalW} liveAt={latestLiveAt} />
      </Card>

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
                <PhaseTable phases={m.phases} />
                <GridQuality grid={m.grid} />
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
              <span className="font-medium">{text.alert(e).title}</span>
              {e.measuredValue !== null && <span className="tabular-nums text-slate-500">{text.measured(e.measuredValue, e.unit)}</span>}
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

type Meter = NonNullable<RouterOutputs["metering"]["dashboard"]>["meters"][number];

/** Per-phase power, voltage and current: only the phases and quantities the meter sends. */
function PhaseTable({ phases }: { phases: Meter["phases"] }) {
  const { t, locale } = useI18n();
  const columns = [
    { key: "powerW", label: t.energy.power, format: (v: number) => `${formatNumber(v, locale)} W` },
    { key: "voltageV", label: t.energy.voltage, format: (v: number) => `${formatNumber(v, locale, 1)} V` },
    { key: "currentA", label: t.energy.current, format: (v: number) => `${formatNumber(v, locale, 2)} A` },
  ] as const;
  const shown = columns.filter((c) => phases[c.key].some((v) => v != null));
  const rows = [0, 1, 2].filter((i) => shown.some((c) => phases[c.key][i] != null));
  if (!rows.length) return null;
  return (
    <table className="w-full text-sm tabular-nums">
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="text-left font-medium">{t.energy.phases}</th>
          {shown.map((c) => (
            <th key={c.key} className="text-right font-medium">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => (
          <tr key={i} data-testid="phase-row">
            <td>L{i + 1}</td>
            {shown.map((c) => {
              const v = phases[c.key][i];
              return (
                <td key={c.key} className="text-right">
                  {v == null ? "" : c.format(v)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Frequency, power factor and voltage THD, those the meter sends. */
function GridQuality({ grid }: { grid: Meter["grid"] }) {
  const { t, locale } = useI18n();
  const items = [
    [t.energy.frequency, grid.frequencyHz, (v: number) => `${formatNumber(v, locale, 2)} Hz`],
    [t.energy.powerFactor, grid.powerFactor, (v: number) => formatNumber(v, locale, 3)],
    [t.energy.thd, grid.thdVoltagePct, (v: number) => `${formatNumber(v, locale, 1)} %`],
  ] as const;
  const sent = items.filter(([, v]) => v != null);
  if (!sent.length) return null;
  return (
    <dl className="grid grid-cols-3 gap-2 text-sm" aria-label={t.energy.grid}>
      {sent.map(([label, value, format]) => (
        <div key={label}>
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="tabular-nums">{format(value!)}</dd>
        </div>
      ))}
    </dl>
  );
}
