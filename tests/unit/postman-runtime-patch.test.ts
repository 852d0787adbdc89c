import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

describe("postman-runtime as installed", () => {
  it("hands instructions over with setImmediate, not a 1 ms timer (scripts/postinstall/patch-postman-runtime.mjs)", () => {
    const root = dirname(createRequire(import.meta.url).resolve("postman-runtime/package.json"));
    const source = readFileSync(join(root, "lib", "runner", "instruction.js"), "utf8");
    expect(source).toContain("setImmediate(callback.bind(...args)); // patched by Vigie");
    expect(source).not.toContain("setTimeout(callback.bind(...args), 0);");
  });
});
