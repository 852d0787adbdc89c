"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { TimeSeriesChart, type ChartSeries } from "~/components/charts/time-series-chart";
import { Card, Stat } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { CheckboxField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { joinSeries } from "~/components/charts/join-series";
import { formatNumber } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { useEnergyScope } from "./energy-nav";
import { RangePicker, useDateRange } from "./range-picker";

const phaseColors = ["#dc2626", "#16a34a", "#2563eb"];

/** The streamed CSV export of the range: raw readings, or hourly / daily roll-ups. */
function exportUrl(kind: "readings" | "hourly" | "daily", range: { from: Date; to: Date }, meterId: string | undefined) {
  const q = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  if (meterId) q.set("meter", meterId);
  if (kind !== "readings") q.set("period", kind === "hourly" ? "hour" : "day");
  return `/api/export/${kind === "readings" ? "readings" : "rollups"}?${q}`;
}

/** Power and energy over a day, week, month, year or custom range, with phases and a comparison. */
export function EnergyHistory() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const meterId = useEnergyScope();
  const dates = useDateRange();
  const { range, previous } = dates;
  const [compare, setCompare] = useState(false);
  const [phases, setPhases] = useState([false, false, false]);
  const history = useQuery(trpc.metering.history.queryOptions({ ...range, meterId }));
  const before = useQuery(trpc.metering.history.queryOptions({ ...previous, meterId }, { enabled: compare }));

  const h = history.data;
  const offset = (range.from.getTime() - previous.from.getTime()) / 1000;
  const power = useMemo(() => {
    if (!h) return null;
    const series: ChartSeries[] = [{ label: t.energy.power, unit: "W", color: "#0284c7", fill: "rgba(2,132,199,0.08)" }];
    const columns: (number | null)[][] = [h.powerW];
    if (h.resolution !== "MINUTE") {
      series.push({ label: t.energy.min, unit: "W", color: "#94a3b8", dash: [4, 4] }, { label: t.energy.max, unit: "W", color: "#f97316", dash: [4, 4] });
      columns.push(h.minW, h.maxW);
    }
    if (h.phases) {
      const byPhase = [h.phases.powerL1W, h.phases.powerL2W, h.phases.powerL3W];
      byPhase.forEach((c, i) => {
        series.push({ label: `L${i + 1}`, unit: "W", color: phaseColors[i]!, show: phases[i] });
        columns.push(c);
      });
    }
    if (compare && before.data) {
      series.push({ label: t.energy.previousPeriod, unit: "W", color: "#64748b", dash: [2, 3] });
      return {
        series,
        data: joinSeries(
          h.t,
          columns,
          before.data.t.map((x) => x + offset),
          [before.data.powerW],
        ),
      };
    }
    return { series, data: [h.t, ...columns] };
  }, [h, before.data, compare, phases, offset, t]);
  const voltage = h?.phases
    ? {
        series: [1, 2, 3].map((n, i) => ({ label: `L${n}`, unit: "V", color: phaseColors[i]!, show: phases[i] })),
        data: [h.t, h.phases.voltageL1V, h.phases.voltageL2V, h.phases.voltageL3V],
      }
    : null;
  const kwh = (v: number) => `${formatNumber(v, locale, 2)} kWh`;
  const delta =
    h && before.data && before.data.totals.importKwh > 0 ? ((h.totals.importKwh - before.data.totals.importKwh) / before.data.totals.importKwh) * 100 : null;

  return (
    <div className="space-y-6">
      <RangePicker state={dates}>
        <CheckboxField label={t.energy.compare} checked={compare} onChange={(e) => setCompare(e.target.checked)} />
        <span className="ml-auto flex gap-3 text-sm">
          {(["readings", "hourly", "daily"] as const).map((kind) => (
            <a
              key={kind}
              href={exportUrl(kind, range, meterId)}
              download
              className="text-sky-700 hover:underline dark:text-sky-400"
              data-testid={`export-${kind}`}
            >
              {t.energy.exports[kind]}
            </a>
          ))}
        </span>
      </RangePicker>
      <ErrorText error={history.error ?? before.error} />

      <Card
        title={`${t.energy.power} — ${h ? t.energy.resolution[h.resolution] : "…"}`}
        actions={
          <fieldset className="flex gap-3" aria-label={t.energy.phases}>
            {[0, 1, 2].map((i) => (
              <CheckboxField
                key={i}
                label={`L${i + 1}`}
                disabled={!h?.phases}
                checked={phases[i]}
                onChange={(e) => setPhases((p) => p.map((v, j) => (j === i ? e.target.checked : v)))}
              />
            ))}
          </fieldset>
        }
      >
        {h && h.t.length === 0 && <p className="text-sm text-slate-500">{t.energy.noData}</p>}
        {power && (
          <TimeSeriesChart xLabel={t.energy.at} label={t.energy.power} testId="history-power" data={power.data} series={power.series} timeZone={dates.zone} />
        )}
        <p className="mt-2 text-xs text-slate-500">
          {t.energy.zoomHint} {h && !h.phases && t.energy.phasesOnlyRaw}
        </p>
      </Card>
      {voltage && phases.some(Boolean) && (
        <Card title={t.energy.voltage}>
          <TimeSeriesChart
            xLabel={t.energy.at}
            label={t.energy.voltage}
            testId="history-voltage"
            data={voltage.data}
            series={voltage.series}
            height={180}
            timeZone={dates.zone}
            zero={false}
          />
        </Card>
      )}
      {h && h.resolution !== "MINUTE" && (
        <Card title={t.energy.imported}>
          <TimeSeriesChart
            xLabel={t.energy.at}
            label={t.energy.imported}
            testId="history-energy"
            timeZone={dates.zone}
            data={[h.t, h.importKwh]}
            series={[{ label: t.energy.imported, unit: "kWh", color: "#0ea5e9", fill: "rgba(14,165,233,0.5)", bars: true }]}
            height={200}
          />
        </Card>
      )}

      {h && (
        <div className="grid gap-4 md:grid-cols-2">
          <Card title={t.energy.energyByRegister}>
            <div className="mb-4 flex flex-wrap gap-8" data-testid="history-totals">
              <Stat label={t.energy.imported} value={kwh(h.totals.importKwh)} />
              <Stat label={t.energy.exportedTotal} value={kwh(h.totals.exportKwh)} />
              {compare && before.data && (
                <Stat
                  label={t.energy.previousPeriod}
                  value={kwh(before.data.totals.importKwh)}
                  hint={delta === null ? undefined : `${t.energy.difference} ${delta > 0 ? "+" : ""}${formatNumber(delta, locale, 1)} %`}
                />
              )}
            </div>
            <table className="w-full text-sm tabular-nums" data-testid="history-registers">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className="text-left font-medium">{t.energy.register}</th>
                  <th className="text-right font-medium">kWh</th>
                  {compare && before.data && <th className="text-right font-medium">{t.energy.previousPeriod}</th>}
                </tr>
              </thead>
              <tbody>
                {Object.entries(h.totals.registers).map(([code, value]) => (
                  <tr key={code}>
                    <td>{code}</td>
                    <td className="text-right">{formatNumber(value, locale, 2)}</td>
                    {compare && before.data && <td className="text-right">{formatNumber(before.data.totals.registers[code] ?? 0, locale, 2)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      )}
    </div>
  );
}
