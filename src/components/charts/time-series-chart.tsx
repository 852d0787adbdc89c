"use client";

import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useI18n } from "~/i18n/client";

export type ChartSeries = { label: string; color: string; show?: boolean; dash?: number[]; fill?: string; bars?: boolean; unit?: string };

type Props = {
  /** x values first (Unix seconds, or plain numbers when `time` is false), then one array per series. */
  data: (number | null)[][];
  series: ChartSeries[];
  height?: number;
  time?: boolean;
  /** How x values are written on the axis and in the legend when `time` is false. */
  formatX?: (x: number) => string;
  testId?: string;
  label: string;
  /** Name of the x values in the legend. */
  xLabel?: string;
};

const axis = { stroke: "#64748b", grid: { stroke: "rgba(100,116,139,0.15)" }, ticks: { stroke: "rgba(100,116,139,0.3)" } };

/** Time ticks in the reader's language: hours within a few days, dates beyond. */
function timeFormatters(locale: string) {
  const hours = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  const days = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
  const months = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric" });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return {
    ticks: (u: uPlot, ticks: number[]) => {
      const span = (u.scales.x!.max ?? 0) - (u.scales.x!.min ?? 0);
      const f = span <= 2 * 86_400 ? hours : span <= 120 * 86_400 ? days : months;
      return ticks.map((t) => f.format(new Date(t * 1000)));
    },
    legend: (_u: uPlot, t: number | null) => (t === null ? "" : full.format(new Date(t * 1000))),
  };
}

/**
 * A uPlot chart (drag to zoom on x, double-click to reset) sized to its container. uPlot draws to
 * a canvas and handles a year of points in milliseconds, which is why it was chosen over SVG charts.
 */
export function TimeSeriesChart({ data, series, height = 260, time = true, formatX, testId, label, xLabel = "" }: Props) {
  const { locale } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const seriesKey = JSON.stringify(series);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its series (by value), size, axis kind or locale change; new data alone only redraws (the effect below)
  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void import("uplot").then(({ default: UPlot }) => {
      if (disposed || !container.current) return;
      const bars = UPlot.paths.bars?.({ size: [0.7, 40] });
      const format = time
        ? timeFormatters(locale)
        : {
            ticks: (_u: uPlot, ticks: number[]) => ticks.map((x) => formatX?.(x) ?? String(x)),
            legend: (_u: uPlot, x: number | null) => (x === null ? "" : (formatX?.(x) ?? String(x))),
          };
      // Bars measure from zero; lines keep uPlot's fitted range (power can go negative with PV).
      const zeroBased = series.some((s) => s.bars);
      const options: uPlot.Options = {
        width: container.current.clientWidth || 600,
        height,
        scales: {
          x: { time },
          ...(zeroBased ? { y: { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.05 : 1] as uPlot.Range.MinMax } } : {}),
        },
        cursor: { drag: { x: true, y: false } },
        axes: [
          { ...axis, values: format.ticks },
          { ...axis, size: 60 },
        ],
        series: [
          { label: xLabel, value: format.legend },
          ...series.map((s) => ({
            label: s.unit ? `${s.label} (${s.unit})` : s.label,
            stroke: s.color,
            width: 1.5,
            show: s.show ?? true,
            dash: s.dash,
            fill: s.fill,
            paths: s.bars ? bars : undefined,
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v === null ? "—" : v.toLocaleString(undefined, { maximumFractionDigits: 2 })),
          })),
        ],
      };
      chart.current?.destroy();
      chart.current = new UPlot(options, data as uPlot.AlignedData, container.current);
      observer = new ResizeObserver(() => chart.current?.setSize({ width: container.current?.clientWidth ?? 600, height }));
      observer.observe(container.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
  }, [seriesKey, height, time, locale]);

  useEffect(() => {
    chart.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div ref={container} role="img" aria-label={label} data-testid={testId} data-points={data[0]?.length ?? 0} className="w-full" />;
}
