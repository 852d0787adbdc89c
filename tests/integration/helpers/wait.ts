/** Polls `check` until it returns a truthy value (returned) or `timeoutMs` passes (throws). */
export async function waitFor<T>(check: () => Promise<T> | T, what: string, timeoutMs = 15_000, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Collects what an async iterator yields, in the background, until stopped. */
export function collect<T>(iterable: AsyncIterable<T>) {
  const items: T[] = [];
  let error: unknown = null;
  const done = (async () => {
    try {
      for await (const item of iterable) items.push(item);
    } catch (err) {
      error = err;
    }
  })();
  return {
    items,
    done,
    get error() {
      return error;
    },
  };
}
