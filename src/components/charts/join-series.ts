/**
 * Joins two series sampled at different times onto one x axis (the union of both, sorted), as a
 * chart with a single x array needs; a series has null where it has no sample.
 */
export function joinSeries(x1: number[], columns1: (number | null)[][], x2: number[], columns2: (number | null)[][]): (number | null)[][] {
  const xs = [...new Set([...x1, ...x2])].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const place = (x: number[], column: (number | null)[]) => {
    const out: (number | null)[] = new Array(xs.length).fill(null);
    for (const [i, v] of x.entries()) out[index.get(v)!] = column[i] ?? null;
    return out;
  };
  return [xs, ...columns1.map((c) => place(x1, c)), ...columns2.map((c) => place(x2, c))];
}
