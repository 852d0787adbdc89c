import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

/** A fresh copy of the module: the configuration is read once per process. */
async function readEnv(vars: Record<string, string>) {
  process.env = { ...saved, ...vars };
  const { env } = await import("../../src/platform/env");
  return env();
}

describe("configuration", () => {
  it("gives every variable its documented default, and treats VAR= as unset", async () => {
    const e = await readEnv({ PORT: "", LOG_LEVEL: "", VIGIE_DATA_DIR: "", DATABASE_URL: "" });
    expect(e).toMatchObject({ PORT: 3000, LOG_LEVEL: "info", VIGIE_DATA_DIR: ".vigie", SCANNER_INTERVAL_MINUTES: 15, VIGIE_DEMO_METER: "1" });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.VIGIE_DB_POOL_MAX).toBeUndefined();
  });

  it("converts numbers and refuses bad values, listing each problem", async () => {
    expect((await readEnv({ PORT: "8080", VIGIE_DB_POOL_MAX: "20" })).PORT).toBe(8080);
    vi.resetModules();
    const bad = readEnv({ PORT: "eighty", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x/y", VIGIE_SECRET_KEY: "abc" });
    await expect(bad).rejects.toThrow(/Invalid configuration/);
    await expect(bad).rejects.toThrow(/PORT/);
    await expect(bad).rejects.toThrow(/LOG_LEVEL/);
    await expect(bad).rejects.toThrow(/DATABASE_URL must be a postgresql:\/\/ URL/);
    await expect(bad).rejects.toThrow(/VIGIE_SECRET_KEY must be 64 hex characters/);
  });

  it("says what to do when a process that needs the database has none", async () => {
    process.env = { ...saved, DATABASE_URL: "" };
    const { databaseUrl } = await import("../../src/platform/env");
    expect(() => databaseUrl()).toThrow(/DATABASE_URL is not set/);
  });
});
