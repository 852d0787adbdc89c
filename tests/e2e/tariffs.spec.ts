import { expect, test } from "@playwright/test";
import { startOfCalendarDay } from "../../src/lib/time-zone";
import { appDb, loginAsAdmin } from "./helpers/app";

const euros = (text: string | null) => Number((text ?? "").replace(/[^\d,]/g, "").replace(",", "."));

test("editing a tariff changes the displayed cost", async ({ page }) => {
  const db = await appDb();
  const meter = await db.meter.create({ data: { name: `Cost ${Date.now()}`, protocol: "DSMR", transport: "REMOTE", enabled: false } });
  const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  await db.readingRollup.create({ data: { meterId: meter.id, period: "HOUR", bucket: hour, importKwh: 100, samples: 1 } });

  await loginAsAdmin(page);
  await page.goto("/energy/tariffs");
  await page.getByRole("button", { name: "Nouveau contrat" }).click();
  const form = page.getByTestId("tariff-form");
  await form.getByLabel("Nom du contrat").fill("Base");
  await form.getByLabel("Début de validité").fill("2020-01-01");
  await form.getByLabel("Prix du kWh consommé (hors plages)").fill("0.2");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  const today = page.getByTestId("cost-today");
  await expect.poll(async () => euros(await today.textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(20);
  const before = euros(await today.textContent());

  await page.getByTestId("tariff-form").first().getByLabel("Prix du kWh consommé (hors plages)").fill("0.5");
  await page.getByTestId("tariff-form").first().getByRole("button", { name: "Enregistrer" }).click();
  // 100 kWh at 0.50 instead of 0.20: 30 € more, whatever the other meters added.
  await expect.poll(async () => euros(await today.textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 29.9);
  await page.screenshot({ path: "tests/.tmp/e2e-results/tariffs.png", fullPage: true });
  await db.tariff.deleteMany({});
  await db.meter.delete({ where: { id: meter.id } });
});

test.describe("in a browser in Paris", () => {
  test.use({ timezoneId: "Europe/Paris" });

  test("a contract's start date stays the day entered, however often it is saved", async ({ page }) => {
    const db = await appDb();
    const name = `Dates ${Date.now()}`;
    await loginAsAdmin(page);
    await page.goto("/energy/tariffs");
    await page.getByRole("button", { name: "Nouveau contrat" }).click();
    const create = page.getByTestId("tariff-form").last();
    await create.getByLabel("Nom du contrat").fill(name);
    await create.getByLabel("Début de validité").fill("2026-10-01");
    await create.getByRole("button", { name: "Enregistrer" }).click();
    const form = page.getByTestId("tariff-form").filter({ has: page.getByLabel("Nom du contrat").and(page.locator(`[value="${name}"]`)) });
    for (let save = 0; save < 3; save++) {
      await expect(form.getByLabel("Début de validité")).toHaveValue("2026-10-01");
      await form.getByRole("button", { name: "Enregistrer" }).click();
      await expect(form.getByRole("button", { name: "Enregistrer" })).toBeEnabled();
    }
    await page.reload();
    await expect(form.getByLabel("Début de validité")).toHaveValue("2026-10-01");
    // Local midnight of 1 October in the site's zone, whatever the browser's.
    const stored = await db.tariff.findFirstOrThrow({ where: { name } });
    const siteZone = ((await db.setting.findUnique({ where: { key: "energy.timezone" } }))?.value as string | undefined) ?? "Europe/Paris";
    expect(stored.validFrom).toEqual(startOfCalendarDay("2026-10-01", siteZone));
    await db.tariff.delete({ where: { id: stored.id } });
  });
});
