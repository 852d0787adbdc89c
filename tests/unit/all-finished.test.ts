import { describe, expect, it } from "vitest";
import { allFinished } from "../../src/platform/all-finished";

describe("allFinished", () => {
  it("returns every value, in order", async () => {
    expect(await allFinished([Promise.resolve(1), Promise.resolve("two")])).toEqual([1, "two"]);
  });

  it("throws the first failure only once every promise has finished", async () => {
    let slowDone = false;
    const slow = new Promise<void>((resolve) =>
      setImmediate(() => {
        slowDone = true;
        resolve();
      }),
    );
    const failure = new Error("first");
    await expect(allFinished([Promise.reject(failure), slow, Promise.reject(new Error("second"))])).rejects.toBe(failure);
    expect(slowDone).toBe(true);
  });
});
