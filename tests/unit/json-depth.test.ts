import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "../../src/lib/json-depth";

describe("nestsDeeperThan", () => {
  it("counts objects and arrays, not the values in them", () => {
    expect(nestsDeeperThan("text", 0)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: "x" }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true);
    expect(nestsDeeperThan({ a: [1] }, 2)).toBe(false);
    expect(nestsDeeperThan([{}, [[]]], 2)).toBe(true);
    expect(nestsDeeperThan([{}, [[]]], 3)).toBe(false);
  });

  it("walks a value nested far beyond the stack without recursing", () => {
    let deep: unknown = null;
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    expect(nestsDeeperThan(deep, 200)).toBe(true);
    expect(nestsDeeperThan(deep, 100_000)).toBe(false);
  });
});
