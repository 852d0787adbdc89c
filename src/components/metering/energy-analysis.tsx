"use client";

import { useQuery } from "@tanstack/react-query";
import { TimeSeriesChart } from "~/components/charts/time-series-chart";
import { Card, Stat } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { SeverityBadge } from "~/components/ui/severity-badge";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import { startOfCalendarDay } from "~/lib/time-zone";
import { useTRPC } from "~/trpc/react";
import { useEnergyScope } from "./energy-nav";
import { RangePicker, useDateRange } from "./range-picker";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

const hourLabel = (h: number) => `${String(h).padStart(2, "0")} h`;

/** One bar per hour of the day (0–23). */
function HourlyBars({
  label,
  testId,
  values,
  unit,
  color,
  fill,
}: {
  label: string;
  testId: string;
  values: (number | null)[];
  unit: string;
  color: string;
  fill: string;
}) {
  const { t } = useI18n();
  return (
    <TimeSeriesChart
      xLabel={t.energy.hourOfDay}
      label={label}
      testId={testId}
      time={false}
      formatX={hourLabel}
      data={[values.map((_, hour) => hour), values]}
      series={[{ label, unit, color, fill, bars: true }]}
      height={210}
    />
  );
}

/** Daily bars, load profile, weekday × hour map, base load, peak, anomalies and tomorrow's forecast. */
export function EnergyAnalysis() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const meterId = useEnergyScope();
  const dates = useDateRange();
  const analysis = useQuery(trpc.metering.analysis.queryOptions({ ...dates.range, meterId }));
  const forecast = useQuery(trpc.metering.forecast.queryOptions({ meterId }));
  const a = analysis.data;
  const f = forecast.data;
  const kw = (v: number | null | undefined) => (v == null ? "—" : `${formatNumber(v, locale, 2)} kW`);
  const maxCell = Math.max(0.001, ...(a?.heatmap.map((c) => c.averageKw) ?? []));
  const pct = (v: number | null) => (v === null ? "—" : formatNumber(v, locale, 1));

  return (
    <div className="space-y-6">
      <RangePicker state={dates} />
      <ErrorText error={analysis.error ?? forecast.error} />
      {a && (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <Card>
              <span data-testid="analysis-base-load">
                <Stat label={t.energy.baseLoad} value={kw(a.baseLoadKw)} hint={t.energy.baseLoadHint} />
              </span>
            </Card>
            <Card>
              <span data-testid="analysis-peak">
                <Stat
                  label={t.energy.peakDemand}
                  value={kw(a.peak?.powerW == null ? null : a.peak.powerW / 1000)}
                  hint={a.peak ? new Date(a.peak.at).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" }) : undefined}
                />
              </span>
            </Card>
            <Card>
              <Stat
                label={t.energy.imported}
                value={`${formatNumber(
                  a.days.reduce((s, d) => s + d.importKwh, 0),
                  locale,
                  1,
                )} kWh`}
              />
            </Card>
          </div>
          <Card title={t.energy.dailyConsumption}>
            <TimeSeriesChart
              xLabel={t.energy.at}
              label={t.energy.dailyConsumption}
              testId="analysis-daily"
              data={[a.days.map((d) => startOfCalendarDay(d.date, dates.zone).getTime() / 1000), a.days.map((d) => d.importKwh)]}
              series={[{ label: t.energy.imported, unit: "kWh", color: "#0284c7", fill: "rgba(2,132,199,0.5)", bars: true }]}
              height={220}
              timeZone={dates.zone}
            />
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title={t.energy.loadProfile}>
              <HourlyBars
                label={t.energy.averageKw}
                testId="analysis-profile"
                values={a.profile.map((p) => p.averageKw)}
                unit="kW"
                color="#7c3aed"
                fill="rgba(124,58,237,0.4)"
              />
            </Card>
            <Card title={t.energy.heatmap}>
              <div className="overflow-x-auto">
                <table className="w-full border-separate border-spacing-0.5 text-[10px]" data-testid="analysis-heatmap">
                  <thead>
                    <tr>
                      <th />
                      {HOURS.map((h) => (
                        <th key={h} className="font-normal text-slate-500">
                          {h % 3 === 0 ? h : ""}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {t.energy.weekdays.map((day, i) => (
                      <tr key={day}>
                        <th className="pr-1 text-right font-normal text-slate-500">{day}</th>
                        {HOURS.map((h) => {
                          const cell = a.heatmap.find((c) => c.weekday === i + 1 && c.hour === h);
                          const alpha = cell ? 0.08 + 0.92 * (cell.averageKw / maxCell) : 0;
                          return (
                            <td
                              key={h}
                              title={cell ? `${day} ${hourLabel(h)} : ${kw(cell.averageKw)}` : undefined}
                              className="h-5 min-w-3 rounded-sm"
                              style={{ backgroundColor: `rgba(234,88,12,${alpha.toFixed(2)})` }}
                            />
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          </div>
          <Card title={t.energy.anomalies}>
            {a.alerts.length === 0 && a.unusualDays.length === 0 && <p className="text-sm text-slate-500">{t.energy.noAnomalies}</p>}
            <ul className="space-y-1 text-sm" data-testid="analysis-anomalies">
              {a.alerts.map((x) => (
                <li key={`${x.type}-${x.severity}`} className="flex items-center gap-2">
                  <SeverityBadge severity={x.severity} />
                  <span>{x.type}</span>
                  <span className="tabular-nums text-slate-500">× {x.count}</span>
                </li>
              ))}
              {a.unusualDays.map((d) => (
                <li key={d.date}>
                  {t.energy.unusualDays} — {t.energy.unusualDay(d.date, formatNumber(d.importKwh, locale, 1), formatNumber(d.expectedKwh, locale, 1))}
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
      {f && (
        <Card title={`${t.energy.forecast} (${f.day.day}/${f.day.month}/${f.day.year})`}>
          <HourlyBars
            label={t.energy.forecast}
            testId="analysis-forecast"
            values={f.points.map((p) => p.kwh)}
            unit="kWh"
            color="#059669"
            fill="rgba(5,150,105,0.4)"
          />
          <p className="mt-2 text-sm" data-testid="forecast-backtest" data-mape={f.backtest.mape ?? ""} data-naive-mape={f.backtest.naiveMape ?? ""}>
            {f.backtest.mape === null ? t.energy.backtestUnavailable : t.energy.backtest(pct(f.backtest.mape), pct(f.backtest.naiveMape))}
          </p>
          <p className="text-xs text-slate-500">{t.energy.forecastMethod}</p>
        </Card>
      )}
    </div>
  );
}
