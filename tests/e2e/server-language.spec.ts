import { expect, type Page, test } from "@playwright/test";
import { raiseAlert } from "../../src/platform/alerts/alerts";
import { alertText } from "../../src/platform/alerts/alert-text";
import { appDb, loginAsAdmin, trpcMutation } from "./helpers/app";
import { e2e } from "./helpers/environment";

/** The page's visible text, whitespace (including the narrow no-break spaces Intl writes) made plain. */
async function pageText(page: Page): Promise<string> {
  return ((await page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
}
const plain = (text: string) => text.replace(/\s+/g, " ");

test("what the server says reaches a French reader in French, and an English reader in English", async ({ page, context }) => {
  await loginAsAdmin(page);
  const db = await appDb();
  const suffix = Date.now();
  const meter = await db.meter.create({ data: { name: `Langue ${suffix}`, protocol: "DSMR", transport: "REMOTE" } });
  const alerts = [
    await raiseAlert(db, {
      sourceKind: "METER",
      sourceId: meter.id,
      type: "voltage_low",
      params: { meter: meter.name, phase: "L2", voltageV: 196.4, nominalV: 230, tolerancePct: 10 },
      severity: "ERROR",
      category: "grid_quality",
      measuredValue: 196.4,
      unit: "V",
      threshold: 207,
    }),
    await raiseAlert(db, {
      sourceKind: "METER",
      sourceId: meter.id,
      type: "meter_offline",
      params: { meter: meter.name, lastReadingAt: "2026-11-20T04:17:30.883Z", intervals: 3, pollSeconds: 10 },
      severity: "ERROR",
      category: "meter",
    }),
  ];
  // A job whose share is not mounted: the worker scans it at once and it fails, with its reason and a status-change alert.
  const location = `/nonexistent/vigie-${suffix}`;
  const job = await trpcMutation<{ id: string }>(page.request, "backups.create", {
    name: `Partage ${suffix}`,
    location,
    pattern: "*.tar.gz",
    scheduleKind: "INTERVAL",
    intervalMinutes: 60,
  });
  await expect.poll(async () => (await db.backupJob.findUniqueOrThrow({ where: { id: job.id } })).status, { timeout: 30_000 }).toBe("FAILED");
  const flip = await db.alert.findFirstOrThrow({ where: { sourceId: job.id, type: "backup.failed" } });
  const written = [...alerts.map((a) => a!), flip];

  await page.goto("/alerts");
  await expect(page.getByTestId("alert-row").first()).toBeVisible();
  for (const alert of written) {
    const fr = alertText(alert, "fr");
    await expect(page.getByTestId("alert-row").filter({ hasText: fr.title }).first()).toContainText(plain(fr.description).slice(0, 20));
  }
  const french = await pageText(page);
  for (const alert of written) {
    const en = alertText(alert, "en");
    expect(french).not.toContain(plain(en.title));
    expect(french).not.toContain(plain(en.description));
  }
  expect(french).toContain(`l'emplacement ${location} n'existe pas`);
  await page.screenshot({ path: "tests/.tmp/e2e-results/alerts-fr.png", fullPage: true });

  await page.goto(`/backups/${job.id}`);
  await expect(page.getByTestId("status-reason")).toHaveText(`l'emplacement ${location} n'existe pas`);
  expect(await pageText(page)).not.toContain("does not exist");

  // A form refused by the server says why in French.
  await page.goto("/backups/new");
  await page.getByLabel("Nom").fill(`Relatif ${suffix}`);
  await page.getByLabel("Emplacement").fill("relative/dir");
  await page.getByRole("button", { name: "Créer" }).click();
  await expect(page.getByText("l'emplacement doit être un chemin absolu, par ex. /mnt/nas/sauvegardes").first()).toBeVisible();
  expect(await pageText(page)).not.toContain("location:");

  await context.addCookies([{ name: "vigie-locale", value: "en", url: e2e.baseUrl }]);
  await page.goto("/alerts");
  await expect(page.getByTestId("alert-row").filter({ hasText: `${meter.name}: voltage sag on L2` })).toBeVisible();
  await expect(
    page
      .getByTestId("alert-row")
      .filter({ hasText: `Partage ${suffix}: OK → failed` })
      .or(page.getByTestId("alert-row").filter({ hasText: `Partage ${suffix}: new → failed` }))
      .first(),
  ).toContainText(`location ${location} does not exist`);
  await page.screenshot({ path: "tests/.tmp/e2e-results/alerts-en.png", fullPage: true });
  await context.clearCookies({ name: "vigie-locale" });

  await db.backupJob.delete({ where: { id: job.id } });
  await db.meter.delete({ where: { id: meter.id } });
});
