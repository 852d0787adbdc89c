/**
 * Exponential backoff with jitter: the nth wait (0-based) is between half and all of
 * min(max, initial·2ⁿ), so that processes retrying after the same outage do not all come back at once.
 */
export function backoffDelay(attempt: number, options: { initialMs: number; maxMs: number }, random = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
