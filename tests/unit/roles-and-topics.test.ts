import { describe, expect, it } from "vitest";
import { hasRole } from "../../src/lib/roles";
import { canSubscribe } from "../../src/platform/live/topics";

describe("roles", () => {
  it("order VIEWER < OPERATOR < ADMIN", () => {
    expect(hasRole("ADMIN", "OPERATOR")).toBe(true);
    expect(hasRole("OPERATOR", "OPERATOR")).toBe(true);
    expect(hasRole("VIEWER", "OPERATOR")).toBe(false);
    expect(hasRole(null, "VIEWER")).toBe(false);
  });
});

describe("topic rules", () => {
  it.each([
    ["VIEWER", "alerts", true],
    ["VIEWER", "meter:abc-123", true],
    ["VIEWER", "report:r1", true],
    ["VIEWER", "system", false],
    ["OPERATOR", "system", false],
    ["ADMIN", "system", true],
    ["ADMIN", "admin:users", true],
    ["ADMIN", "unknown-topic", false],
    ["ADMIN", "meter:../../etc", false],
  ] as const)("%s on %s → %s", (role, topic, allowed) => {
    expect(canSubscribe(role, topic)).toBe(allowed);
  });
});
