import { describe, expect, it } from "vitest";
import { defineSetting } from "../../src/platform/settings/definition";
import { settingCatalog } from "../../src/composition/settings-catalog";

describe("setting definitions", () => {
  it.each([
    ["STRING", "hello", 3],
    ["INT", 3, 3.5],
    ["FLOAT", 3.5, "3.5"],
    ["BOOL", false, "false"],
    ["JSON", { a: [1, 2] }, undefined],
  ] as const)("a %s accepts %j and refuses %j", (type, good, bad) => {
    const def = defineSetting({ key: "k", type, category: "c", description: "d", defaultValue: good as never });
    expect(def.schema.safeParse(good).success).toBe(true);
    expect(def.schema.safeParse(bad).success).toBe(false);
  });

  it("applies min and max", () => {
    const def = defineSetting({ key: "k", type: "INT", category: "c", description: "d", defaultValue: 5, min: 1, max: 10 });
    expect(def.schema.safeParse(0).success).toBe(false);
    expect(def.schema.safeParse(11).success).toBe(false);
    expect(def.schema.safeParse(10).success).toBe(true);
  });

  it("refuses a definition whose default breaks its own rules", () => {
    expect(() => defineSetting({ key: "k", type: "INT", category: "c", description: "d", defaultValue: 0, min: 1 })).toThrow();
  });

  it("has unique keys across the catalog", () => {
    const keys = settingCatalog.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
