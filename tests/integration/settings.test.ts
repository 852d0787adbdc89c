import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAppSettings, updateAppSetting, updateAppSettings } from "../../src/composition/settings-catalog";
import { getSetting, settingHistory } from "../../src/platform/settings/settings";
import { platformSettings } from "../../src/platform/settings/platform-settings";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { createTestUser } from "./helpers/users";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("settings", () => {
  it("exist with their defaults after migration", async () => {
    const all = await listAppSettings(t.db);
    expect(all.find((s) => s.key === "live.retentionDays")).toMatchObject({ type: "INT", value: 7, category: "platform" });
    expect(await getSetting(t.db, platformSettings.liveRetentionDays)).toBe(7);
  });

  it("accept a value of the right type and keep who changed what", async () => {
    const admin = await createTestUser(t.db, "ADMIN");
    await updateAppSetting(t.db, "live.retentionDays", 30, admin.id);
    await updateAppSetting(t.db, "live.retentionDays", 14, admin.id);
    expect(await getSetting(t.db, platformSettings.liveRetentionDays)).toBe(14);
    const history = await settingHistory(t.db, "live.retentionDays");
    expect(history.map((h) => [h.oldValue, h.newValue, h.changedBy?.email])).toEqual([
      [30, 14, admin.email],
      [7, 30, admin.email],
    ]);
  });

  it.each([
    ["live.retentionDays", "14", /number/i],
    ["live.retentionDays", 1.5, /int/i],
    ["live.retentionDays", 0, /1/],
    ["ui.siteName", 42, /string/i],
    ["ui.siteName", "", /1/],
  ])("refuse %s = %j with a clear message", async (key, value, message) => {
    await expect(updateAppSetting(t.db, key, value, null)).rejects.toThrow(message);
  });

  it("store a group all or none: one bad value leaves every other unchanged", async () => {
    const before = await getSetting(t.db, platformSettings.workerStaleSeconds);
    await expect(updateAppSettings(t.db, { "system.workerStaleSeconds": 45, "live.retentionDays": -1 }, null)).rejects.toThrow(/live.retentionDays/);
    expect(await getSetting(t.db, platformSettings.workerStaleSeconds)).toBe(before);
    await updateAppSettings(t.db, { "system.workerStaleSeconds": 45, "notifications.maxAttempts": 5 }, null);
    expect(await getSetting(t.db, platformSettings.workerStaleSeconds)).toBe(45);
    expect(await getSetting(t.db, platformSettings.notificationMaxAttempts)).toBe(5);
  });

  it("announce a change on the system topic", async () => {
    await updateAppSetting(t.db, "ui.siteName", "Site Nord", null);
    const event = await t.db.liveEvent.findFirst({ where: { topic: "system", type: "setting.changed" }, orderBy: { id: "desc" } });
    expect(event?.payload).toEqual({ key: "ui.siteName", value: "Site Nord" });
  });
});
