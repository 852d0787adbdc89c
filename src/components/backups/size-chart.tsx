"use client";

import { formatBytes } from "~/lib/format";

/**
 * Artefact sizes as a line: a bare sparkline in lists, with its range and dots when `detailed`.
 * A few hundred points at most, so plain SVG is enough.
 */
export function SizeChart({
  sizes,
  width = 120,
  height = 28,
  detailed = false,
  locale = "fr",
}: {
  sizes: number[];
  width?: number;
  height?: number;
  detailed?: boolean;
  locale?: string;
}) {
  if (sizes.length < 2) return <span className="text-xs text-slate-400">—</span>;
  const max = Math.max(...sizes);
  const min = Math.min(...sizes);
  const pad = detailed ? 6 : 2;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (sizes.length - 1);
  const y = (v: number) => height - pad - (max === min ? 0.5 : (v - min) / (max - min)) * (height - 2 * pad);
  const points = sizes.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  return (
    <figure className="inline-block">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${formatBytes(min, locale)} – ${formatBytes(max, locale)}`}
        data-testid="size-chart"
        data-points={sizes.length}
      >
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth={detailed ? 2 : 1.5} className="text-sky-600 dark:text-sky-400" />
        {detailed &&
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced as a whole and never reordered: the index is a stable key
          sizes.map((v, i) => <circle key={i} cx={x(i)} cy={y(v)} r={2.5} className="fill-sky-600 dark:fill-sky-400" />)}
      </svg>
      {detailed && (
        <figcaption className="flex justify-between text-xs text-slate-500">
          <span>min {formatBytes(min, locale)}</span>
          <span>max {formatBytes(max, locale)}</span>
        </figcaption>
      )}
    </figure>
  );
}
