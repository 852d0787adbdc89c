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
  const alert = {
    id: "a1",
    occurredAt: new Date("2026-03-01T10:00:00Z"),
    sourceKind: "METER" as const,
    sourceId: "m1",
    type: "voltage_high",
    params: { meter: "Tableau général", phase: "L1", voltageV: 258.4, nominalV: 230, tolerancePct: 10 },
    severity: "ERROR" as const,
    category: "grid_quality",
    title: "Tableau général: voltage swell on L1",
    description: "258.4 V is outside 230 V ± 10 %.",
    measuredValue: 258.4,
    unit: "V",
    code: "1-0:32.7.0",
    threshold: 253,
    dedupKey: null,
    acknowledgedAt: null,
    acknowledgedById: null,
    acknowledgedComment: "",
  };

  it("carry severity, title, measurement and threshold in the site's language", () => {
    const fr = messageForAlert(alert, "Site Nord", "fr");
    expect(fr.title).toBe("[Site Nord] ERREUR: Tableau général : surtension sur L1");
    expect(fr.body).toContain("258,4 V est hors de 230 V ± 10 %.");
    expect(fr.body).toContain("Mesure: 258,4 V (seuil 253 V)");
    expect(fr.body).toMatch(/1 mars 2026.*10:00 UTC/);
    const en = messageForAlert(alert, "Site Nord", "en");
    expect(en.title).toBe("[Site Nord] ERROR: Tableau général: voltage swell on L1");
    expect(en.body).toContain("Measured: 258.4 V (threshold 253 V)");
    expect(en.body).toMatch(/Mar 1, 2026.*10:00 AM UTC/);
  });

  it("keep the stored text of an alert recorded before alerts had parameters", () => {
    const message = messageForAlert({ ...alert, params: null, title: "Surtension L1", description: "old" }, "Site Nord", "fr");
    expect(message.title).toBe("[Site Nord] ERREUR: Surtension L1");
    expect(message.body).toContain("old");
  });
});
