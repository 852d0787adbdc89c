import { expect, test } from "@playwright/test";
import { publish } from "../../src/platform/live/publish";
import { appDb, loginAsAdmin } from "./helpers/app";

test("the home page answers 'is everything fine?': energy, backups needing a look, last reports, Vigie's health, live", async ({ page }) => {
  const db = await appDb();
  const suffix = Date.now();
  const failing = await db.backupJob.create({
    data: {
      name: `Home failing ${suffix}`,
      location: "/nowhere",
      scheduleKind: "INTERVAL",
      intervalMinutes: 60,
      status: "FAILED",
      statusReason: { code: "tool_exit_code", params: { exitCode: 2 } },
    },
  });
  const campaign = await db.campaign.create({ data: { name: `Home campaign ${suffix}` } });
  const environment = await db.environment.create({ data: { name: `Home env ${suffix}` } });
  await db.campaignReport.create({
    data: { name: `Home report ${suffix}`, campaignId: campaign.id, environmentId: environment.id, status: "FAILED", total: 3, passed: 2, failed: 1 },
  });

  await loginAsAdmin(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tableau de bord" })).toBeVisible();
  await expect(page.getByTestId("home-backups-attention")).toContainText(failing.name);
  const failed = page.getByTestId("home-backup-counts").locator('li[data-status="FAILED"]');
  expect(Number(await failed.getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("home-reports")).toContainText(`Home campaign ${suffix} — Home report ${suffix}`);
  await expect(page.getByTestId("home-reports")).toContainText("2 réussis, 1 en échec sur 3");
  await expect(page.getByTestId("home-health")).toHaveAttribute("data-worker-alive", "true");

  // Live: a reading of some meter moves the site's power without a reload.
  const meter = await db.meter.create({ data: { name: `Home meter ${suffix}`, protocol: "DSMR", transport: "REMOTE" } });
  await publish(db, "energy", "reading", { meterId: meter.id, at: new Date(), powerW: 123_456 });
  await expect.poll(async () => Number(await page.getByTestId("home-power").getAttribute("data-value")), { timeout: 15_000 }).toBeGreaterThanOrEqual(123_456);
  await page.screenshot({ path: "tests/.tmp/e2e-results/home.png", fullPage: true });

  await db.meter.delete({ where: { id: meter.id } });
  await db.backupJob.delete({ where: { id: failing.id } });
  await db.campaign.delete({ where: { id: campaign.id } });
  await db.environment.delete({ where: { id: environment.id } });
});
