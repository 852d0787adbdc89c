type Values<T extends readonly unknown[]> = { -readonly [P in keyof T]: Awaited<T[P]> };

/**
 * Like Promise.all, but the first failure is thrown only once every promise has finished: nothing
 * started here is still writing when the caller records the error.
 */
export async function allFinished<T extends readonly unknown[] | []>(promises: T): Promise<Values<T>> {
  const outcomes = await Promise.allSettled<readonly unknown[]>(promises);
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as Values<T>;
}
