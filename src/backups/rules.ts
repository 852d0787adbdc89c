/** How many earlier artefacts or runs form the baseline of the size and duration rules. */
export const BASELINE_SAMPLES = 10;
const MIN_BASELINE = 3;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** An artefact smaller than `ratio` × the median of the previous ones (with enough history). */
export function isMuchSmaller(size: number, previous: number[], ratio: number): { median: number } | null {
  if (previous.length < MIN_BASELINE) return null;
  const m = median(previous);
  return size < m * ratio ? { median: m } : null;
}

/** A run longer than `factor` × the median duration of the previous ones (with enough history). */
export function isMuchLonger(durationMs: number, previous: number[], factor: number): { median: number } | null {
  if (previous.length < MIN_BASELINE) return null;
  const m = median(previous);
  return durationMs > m * factor ? { median: m } : null;
}
