/**
 * `source` with `fn` applied to each value, as a plain iterator object: an async generator doing
 * the same costs several promises per value, which adds up over thousands of open streams.
 */
export function mapAsyncIterable<T, U>(source: AsyncIterable<T>, fn: (value: T) => U): AsyncIterableIterator<U> {
  const inner = source[Symbol.asyncIterator]();
  const mapped: AsyncIterableIterator<U> = {
    next: () => inner.next().then((r) => (r.done ? { done: true, value: undefined } : { done: false, value: fn(r.value) })),
    return: async () => {
      await inner.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => mapped,
  };
  return mapped;
}
