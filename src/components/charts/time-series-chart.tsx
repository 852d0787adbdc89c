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
  /** The zone time ticks are written in (the site's for energy); the browser's when not given. */
  timeZone?: string;
  /** The value axis includes zero (power, energy); off for quantities far from it (voltage). */
  zero?: boolean;
  /** Show this many seconds up to the newest point (a live window), however few points there are yet. */
  trailingSeconds?: number;
};

const axis = { stroke: "#64748b", grid: { stroke: "rgba(100,116,139,0.15)" }, ticks: { stroke: "rgba(100,116,139,0.3)" } };

const DAY = 86_400;

/**
 * Time ticks in the reader's language that follow the spacing uPlot chose: seconds under a
 * minute apart, hours (the date at midnight) under a day, days up to a month apart, months beyond.
 */
function timeFormatters(locale: string, timeZone: string | undefined) {
  const seconds = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone });
  const hours = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone });
  const days = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone });
  const months = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const midnight = (t: number) => hours.format(new Date(t * 1000)).replace(/\D/g, "") === "0000";
  return {
    ticks: (_u: uPlot, ticks: number[], _axis: number, _space: number, increment: number) =>
      ticks.map((t) => {
        const at = new Date(t * 1000);
        if (increment < 60) return seconds.format(at);
        if (increment < DAY) return midnight(t) ? days.format(at) : hours.format(at);
        return increment < 28 * DAY ? days.format(at) : months.format(at);
      }),
    legend: (_u: uPlot, t: number | null) => (t === null ? "" : full.format(new Date(t * 1000))),
  };
}

/** Half the spacing of the first two x values: bars at the edges are drawn whole within it. */
const halfStep = (xs: ArrayLike<number | null>) => (xs.length > 1 ? ((xs[1] ?? 0) - (xs[0] ?? 0)) / 2 : 0.5);

/**
 * A uPlot chart (drag to zoom on x, double-click to reset) sized to its container. uPlot draws to
 * a canvas and handles a year of points in milliseconds, which is why it was chosen over SVG charts.
 */
export function TimeSeriesChart({
  data,
  series,
  height = 260,
  time = true,
  formatX,
  testId,
  label,
  xLabel = "",
  timeZone,
  zero = true,
  trailingSeconds,
}: Props) {
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
        ? timeFormatters(locale, timeZone)
        : {
            ticks: (_u: uPlot, ticks: number[]) => ticks.map((x) => formatX?.(x) ?? String(x)),
            legend: (_u: uPlot, x: number | null) => (x === null ? "" : (formatX?.(x) ?? String(x))),
          };
      // Value axes include zero unless told (power goes below it with PV export); bars get half a step of room at each end.
      const hasBars = series.some((s) => s.bars);
      const options: uPlot.Options = {
        width: container.current.clientWidth || 600,
        height,
        ...(time && timeZone ? { tzDate: (ts: number) => UPlot.tzDate(new Date(ts * 1000), timeZone) } : {}),
        scales: {
          x: {
            time,
            ...(trailingSeconds
              ? { range: (_u: uPlot, _min: number, max: number) => [max - trailingSeconds, max] as uPlot.Range.MinMax }
              : hasBars
                ? {
                    range: (u: uPlot, min: number, max: number) => {
                      const pad = halfStep(u.data[0] ?? []);
                      return [min - pad, max + pad] as uPlot.Range.MinMax;
                    },
                  }
                : {}),
          },
          y: {
            range: (_u: uPlot, min: number, max: number) => {
              if (!zero) {
                const pad = (max - min || 1) * 0.05;
                return [min - pad, max + pad] as uPlot.Range.MinMax;
              }
              const low = Math.min(0, min);
              const high = Math.max(0, max);
              const pad = (high - low || 1) * 0.05;
              return [low < 0 ? low - pad : 0, high + pad] as uPlot.Range.MinMax;
            },
          },
        },
        cursor: { drag: { x: true, y: false } },
        axes: [
          { ...axis, values: format.ticks },
          // Wide enough for the longest tick ("100 000" was cut at a fixed width).
          { ...axis, size: (_u: uPlot, values: string[] | null) => Math.max(48, 20 + 7 * Math.max(0, ...(values ?? []).map((v) => String(v).length))) },
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
  }, [seriesKey, height, time, locale, timeZone, zero, trailingSeconds]);

  useEffect(() => {
    chart.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div ref={container} role="img" aria-label={label} data-testid={testId} data-points={data[0]?.length ?? 0} className="w-full" />;
}
