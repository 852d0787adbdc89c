import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withSourceNames } from "../../src/composition/alert-sources";
import { updateAppSetting } from "../../src/composition/settings-catalog";
import { acknowledgeAlerts, alertFacets, countUnacknowledged, listAlerts, raiseAlert } from "../../src/platform/alerts/alerts";
import { createChannel, listChannelDeliveries, listChannels, updateChannel } from "../../src/platform/notifications/channels";
import { deliverNotification, dispatchAlert } from "../../src/platform/notifications/deliveries";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { startHttpReceiver, startSmtpSink } from "./helpers/receivers";
import { createTestUser } from "./helpers/users";

// Before anything reads the configuration (read once per process).
process.env.VIGIE_SECRET_KEY ??= "33".repeat(32);

let t: TestDatabase;
let http: Awaited<ReturnType<typeof startHttpReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  t = await createTestDatabase();
  http = await startHttpReceiver();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await http.close();
  await smtp.close();
  await t.drop();
});
beforeEach(async () => {
  await t.db.notificationChannel.deleteMany();
  http.received.length = 0;
  smtp.mails.length = 0;
});

const voltageAlert = {
  sourceKind: "METER" as const,
  sourceId: "meter-1",
  type: "voltage_high" as const,
  params: { meter: "Atelier", phase: "L1", voltageV: 258.4, nominalV: 230, tolerancePct: 10 },
  severity: "ERROR" as const,
  category: "grid_quality",
  measuredValue: 258.4,
  unit: "V",
  code: "1-0:32.7.0",
  threshold: 253,
};

async function jobKeys(task: string) {
  const rows = await t.db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE task_identifier = ${task}`;
  return rows.map((r) => r.key);
}

describe("alerts", () => {
  it("are recorded with their context, announced live and queued for notification", async () => {
    const alert = (await raiseAlert(t.db, voltageAlert))!;
    expect(alert).toMatchObject({ ...voltageAlert, acknowledgedAt: null });
    const event = await t.db.liveEvent.findFirst({ where: { topic: "alerts", type: "alert.raised" }, orderBy: { id: "desc" } });
    expect((event?.payload as { id: string } | undefined)?.id).toBe(alert.id);
    expect(await jobKeys("alert_dispatch")).toContain(`alert_dispatch:${alert.id}`);
  });

  it("are raised once per incident within a cooldown", async () => {
    const first = await raiseAlert(t.db, { ...voltageAlert, dedupKey: "meter-1:voltage", cooldownSeconds: 600 });
    const repeats = await Promise.all([1, 2, 3].map(() => raiseAlert(t.db, { ...voltageAlert, dedupKey: "meter-1:voltage", cooldownSeconds: 600 })));
    expect(first).not.toBeNull();
    expect(repeats).toEqual([null, null, null]);
    const later = await raiseAlert(t.db, { ...voltageAlert, dedupKey: "meter-1:voltage", cooldownSeconds: 600, occurredAt: new Date(Date.now() + 700_000) });
    expect(later).not.toBeNull();
  });

  it("are acknowledged once, keeping who and when, and the unacknowledged count follows", async () => {
    const user = await createTestUser(t.db, "OPERATOR");
    const a = (await raiseAlert(t.db, voltageAlert))!;
    const b = (await raiseAlert(t.db, voltageAlert))!;
    const before = await countUnacknowledged(t.db);
    expect(await acknowledgeAlerts(t.db, [a.id, b.id], user.id, "ticket INC-42")).toEqual({ acknowledged: 2 });
    expect(await acknowledgeAlerts(t.db, [a.id], user.id)).toEqual({ acknowledged: 0 });
    expect(await countUnacknowledged(t.db)).toBe(before - 2);
    const stored = await t.db.alert.findUniqueOrThrow({ where: { id: a.id } });
    expect(stored.acknowledgedById).toBe(user.id);
    expect(stored.acknowledgedComment).toBe("ticket INC-42");
    expect(stored.acknowledgedAt).toBeInstanceOf(Date);
    const event = await t.db.liveEvent.findFirst({ where: { type: "alert.acknowledged" }, orderBy: { id: "desc" } });
    expect(event?.payload).toMatchObject({ unacknowledged: before - 2 });
  });

  it("are listed with their source's name and filtered by the types and categories they have", async () => {
    const meter = await t.db.meter.create({ data: { name: "Compteur atelier", protocol: "DSMR", transport: "REMOTE" } });
    const campaign = await t.db.campaign.create({ data: { name: "API recette" } });
    const raised = [
      await raiseAlert(t.db, { ...voltageAlert, sourceId: meter.id }),
      await raiseAlert(t.db, {
        sourceKind: "CAMPAIGN",
        sourceId: campaign.id,
        type: "campaign_run_failed",
        params: { campaign: "API recette", report: "#1", failed: 1, passed: 0, skipped: 0 },
        severity: "ERROR",
        category: "campaigns",
      }),
      await raiseAlert(t.db, {
        sourceKind: "BACKUP_JOB",
        sourceId: "gone",
        type: "backup.missing",
        params: { job: "gone", from: "OK", to: "MISSING", reason: { code: "nothing_yet", params: {} } },
        severity: "WARNING",
        category: "backups",
      }),
    ];
    const { items } = await listAlerts(t.db, { sourceKind: "CAMPAIGN" }, { limit: 10 });
    expect(items.map((a) => a.id)).toEqual([raised[1]!.id]);
    expect(
      (
        await withSourceNames(
          t.db,
          raised.map((a) => a!),
        )
      ).map((a) => a.sourceName),
    ).toEqual(["Compteur atelier", "API recette", null]);
    const facets = await alertFacets(t.db);
    expect(facets.types).toEqual(expect.arrayContaining(["backup.missing", "campaign_run_failed", "voltage_high"]));
    expect(facets.categories).toEqual([...new Set(facets.categories)].sort());
  });
});

describe("notifications", () => {
  it("go to each enabled channel whose minimum severity the alert reaches", async () => {
    await t.db.notificationChannel.createMany({
      data: [
        { name: "hook", kind: "WEBHOOK", minSeverity: "WARNING", config: { url: `${http.url}/hook`, headers: { "X-Token": "s3cret" } } },
        { name: "push", kind: "NTFY", minSeverity: "ERROR", config: { url: http.url, topic: "vigie-alerts", token: "tk" } },
        {
          name: "mail",
          kind: "EMAIL",
          minSeverity: "INFO",
          config: { host: "127.0.0.1", port: smtp.port, secure: false, from: "vigie@test.local", to: ["ops@test.local"] },
        },
        { name: "critical-only", kind: "WEBHOOK", minSeverity: "CRITICAL", config: { url: `${http.url}/critical`, headers: {} } },
        { name: "off", kind: "WEBHOOK", minSeverity: "INFO", enabled: false, config: { url: `${http.url}/off`, headers: {} } },
      ],
    });
    const alert = (await raiseAlert(t.db, voltageAlert))!;
    expect(await dispatchAlert(t.db, alert.id)).toBe(3);
    expect(await dispatchAlert(t.db, alert.id)).toBe(0);

    const deliveries = await t.db.notificationDelivery.findMany({ where: { alertId: alert.id } });
    for (const d of deliveries) await deliverNotification(t.db, d.id, { number: 1, max: 5 });

    const hook = http.received.find((r) => r.url === "/hook")!;
    expect(hook.headers["x-token"]).toBe("s3cret");
    expect(hook.headers["content-type"]).toContain("application/json");
    expect(JSON.parse(hook.body)).toMatchObject({ alert: { id: alert.id, severity: "ERROR", measuredValue: 258.4, unit: "V", threshold: 253 } });

    const push = http.received.find((r) => r.url === "/vigie-alerts")!;
    expect(push.headers.authorization).toBe("Bearer tk");
    expect(push.headers.priority).toBe("4");
    // In the site's language (French unless set otherwise).
    expect(push.body).toMatch(/258,4\sV est hors de 230\sV ± 10\s%/);

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(["ops@test.local"]);
    expect(smtp.mails[0]!.raw).toMatch(/Subject: [\s\S]*surtension/);

    expect(http.received.some((r) => r.url === "/critical" || r.url === "/off")).toBe(false);
    const statuses = await t.db.notificationDelivery.findMany({ where: { alertId: alert.id }, select: { status: true } });
    expect(statuses.every((s) => s.status === "SENT")).toBe(true);
  });

  it("are written in the language the site chose for notifications", async () => {
    await createChannel(t.db, { name: "hook", kind: "WEBHOOK", minSeverity: "INFO", enabled: true, config: { url: `${http.url}/hook`, headers: {} } });
    await updateAppSetting(t.db, "ui.siteLanguage", "en", null);
    try {
      const alert = (await raiseAlert(t.db, voltageAlert))!;
      await dispatchAlert(t.db, alert.id);
      for (const d of await t.db.notificationDelivery.findMany({ where: { alertId: alert.id } })) await deliverNotification(t.db, d.id, { number: 1, max: 5 });
      const hook = JSON.parse(http.received.find((r) => r.url === "/hook")!.body) as { title: string; text: string };
      expect(hook.title).toContain("ERROR: Atelier: voltage swell on L1");
      expect(hook.text).toContain("258.4 V is outside 230 V ± 10 %");
    } finally {
      await updateAppSetting(t.db, "ui.siteLanguage", "fr", null);
    }
  });

  it("keep channel secrets sealed in the database, redacted for the browser, and in clear only for the sender", async () => {
    const { id } = await createChannel(t.db, {
      name: "sealed hook",
      kind: "WEBHOOK",
      minSeverity: "INFO",
      enabled: true,
      config: { url: `${http.url}/sealed-hook`, headers: { Authorization: "Bearer hook-secret-1" } },
    });
    await createChannel(t.db, {
      name: "sealed push",
      kind: "NTFY",
      minSeverity: "INFO",
      enabled: true,
      config: { url: http.url, topic: "sealed-push", token: "ntfy-secret-2" },
    });
    await createChannel(t.db, {
      name: "sealed mail",
      kind: "EMAIL",
      minSeverity: "CRITICAL",
      enabled: true,
      config: { host: "127.0.0.1", port: smtp.port, secure: false, user: "u", password: "smtp-secret-3", from: "vigie@test.local", to: ["ops@test.local"] },
    });
    const stored = JSON.stringify(await t.db.notificationChannel.findMany());
    for (const secret of ["hook-secret-1", "ntfy-secret-2", "smtp-secret-3"]) expect(stored).not.toContain(secret);
    const listed = JSON.stringify(await listChannels(t.db));
    expect(listed).not.toContain("secret-");
    expect(listed).toContain("••••");
    // Saving the form back with "••••" keeps the sealed secret, which still works.
    const row = (await listChannels(t.db)).find((c) => c.id === id)!;
    await updateChannel(t.db, id, { name: row.name, kind: "WEBHOOK", minSeverity: "INFO", enabled: true, config: row.config as never });
    const alert = (await raiseAlert(t.db, { ...voltageAlert, dedupKey: undefined }))!;
    await dispatchAlert(t.db, alert.id);
    for (const d of await t.db.notificationDelivery.findMany({ where: { alertId: alert.id } })) await deliverNotification(t.db, d.id, { number: 1, max: 5 });
    expect(http.received.find((r) => r.url === "/sealed-hook")!.headers.authorization).toBe("Bearer hook-secret-1");
    expect(http.received.find((r) => r.url === "/sealed-push")!.headers.authorization).toBe("Bearer ntfy-secret-2");
  });

  it("record a failed attempt, rethrow it for a retry, and give up after the last attempt", async () => {
    const channel = await t.db.notificationChannel.create({
      data: { name: "flaky", kind: "WEBHOOK", minSeverity: "INFO", config: { url: `${http.url}/flaky`, headers: {} } },
    });
    const alert = (await raiseAlert(t.db, voltageAlert))!;
    await dispatchAlert(t.db, alert.id);
    const delivery = await t.db.notificationDelivery.findFirstOrThrow({ where: { alertId: alert.id, channelId: channel.id } });

    http.failNext(2);
    await expect(deliverNotification(t.db, delivery.id, { number: 1, max: 2 })).rejects.toThrow(/HTTP 500.*receiver down/);
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "PENDING", attempts: 1 });
    await expect(deliverNotification(t.db, delivery.id, { number: 2, max: 2 })).rejects.toThrow();
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "FAILED", attempts: 2 });

    // The channel's page tells the operator: its history, its last delivery and last error.
    const [latest] = await listChannelDeliveries(t.db, channel.id);
    expect(latest).toMatchObject({ status: "FAILED", attempts: 2, alert: { id: alert.id, title: alert.title } });
    expect(latest!.lastError).toMatch(/HTTP 500/);
    const listed = (await listChannels(t.db)).find((c) => c.id === channel.id)!;
    expect(listed.lastDelivery).toMatchObject({ status: "FAILED" });
    expect(listed.lastError?.message).toMatch(/HTTP 500/);
  });

  it("reach an SMTP server that is down as a failed attempt, not a crash", async () => {
    const channel = await t.db.notificationChannel.create({
      data: {
        name: "dead-smtp",
        kind: "EMAIL",
        minSeverity: "INFO",
        config: { host: "127.0.0.1", port: 1, secure: false, from: "vigie@test.local", to: ["ops@test.local"] },
      },
    });
    const alert = (await raiseAlert(t.db, voltageAlert))!;
    await dispatchAlert(t.db, alert.id);
    const delivery = await t.db.notificationDelivery.findFirstOrThrow({ where: { alertId: alert.id, channelId: channel.id } });
    await expect(deliverNotification(t.db, delivery.id, { number: 1, max: 3 })).rejects.toThrow(/ECONNREFUSED/);
  });
});
