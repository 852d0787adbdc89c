import { describe, expect, it } from "vitest";
import { clientIp } from "../../src/server/auth/client-ip";
import { safeRedirectPath } from "../../src/lib/safe-redirect";

describe("clientIp", () => {
  it("takes the address the nearest proxy added, not what the client claims", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.5" }))).toBe("10.0.0.5");
    expect(clientIp(new Headers({ "x-real-ip": "10.0.0.9" }))).toBe("10.0.0.9");
    expect(clientIp(new Headers())).toBeNull();
  });
});

describe("safeRedirectPath", () => {
  it.each([
    ["/admin/system", "/admin/system"],
    ["/alerts?acknowledged=false", "/alerts?acknowledged=false"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    [undefined, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
