import { describe, expect, it } from "vitest";
import { channelInputSchema, redactChannelConfig } from "../../src/platform/notifications/channel-config";
import { messageForAlert } from "../../src/platform/notifications/message";

describe("notification channel configuration", () => {
  it("validates each kind's own fields", () => {
    expect(channelInputSchema.safeParse({ kind: "WEBHOOK", config: { url: "ftp://x" } }).success).toBe(false);
    expect(channelInputSchema.safeParse({ kind: "EMAIL", config: { host: "smtp", from: "a@example.com", to: [] } }).success).toBe(false);
    expect(channelInputSchema.safeParse({ kind: "NTFY", config: { url: "https://ntfy.sh", topic: "bad topic!" } }).success).toBe(false);
    const ok = channelInputSchema.parse({ kind: "EMAIL", config: { host: "smtp", from: "a@example.com", to: ["b@example.com"] } });
    expect(ok.config).toMatchObject({ port: 587, secure: false });
  });

  it("never sends secrets back", () => {
    const email = channelInputSchema.parse({ kind: "EMAIL", config: { host: "h", from: "a@example.com", to: ["b@example.com"], user: "u", password: "pw" } });
    expect(redactChannelConfig(email)).toMatchObject({ user: "u", password: "••••" });
    const hook = channelInputSchema.parse({ kind: "WEBHOOK", config: { url: "https://x.example", headers: { Authorization: "Bearer t" } } });
    expect(redactChannelConfig(hook)).toMatchObject({ headers: { Authorization: "••••" } });
  });
});

describe("alert messages", () => {
  it("carry severity, title, measurement and threshold", () => {
    const message = messageForAlert(
      {
        id: "a1",
        occurredAt: new Date("2026-03-01T10:00:00Z"),
        sourceKind: "METER",
        sourceId: "m1",
        type: "voltage_high",
        severity: "ERROR",
        category: "grid",
        title: "Surtension L1",
        description: "Voltage above limit",
        measuredValue: 258.4,
        unit: "V",
        code: "1-0:32.7.0",
        threshold: 253,
        dedupKey: null,
        acknowledgedAt: null,
        acknowledgedById: null,
        acknowledgedComment: "",
      },
      "Site Nord",
    );
    expect(message.title).toBe("[Site Nord] ERROR: Surtension L1");
    expect(message.body).toContain("Measured: 258.4 V (threshold 253 V)");
    expect(message.body).toContain("2026-03-01T10:00:00.000Z");
  });
});
