import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp } from "../../src/server/auth/client-ip";
import { safeRedirectPath } from "../../src/lib/safe-redirect";

describe("clientIp", () => {
  it("is the address the web server resolved, never what the client wrote in its headers", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.5", "x-real-ip": "10.0.0.9" }))).toBeNull();
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.7" }))).toBe("203.0.113.7");
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
