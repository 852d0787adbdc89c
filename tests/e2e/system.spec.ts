import { expect, test } from "@playwright/test";
import { raiseAlert } from "../../src/platform/alerts/alerts";
import { appDb, loginAsAdmin } from "./helpers/app";

test("the Système page follows the worker's heartbeat live, without a reload", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/admin/system");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "pending");
  await expect(page.getByText("En marche").first()).toBeVisible();
  const beat = page.getByTestId("last-heartbeat");
  await expect(beat).not.toHaveAttribute("data-value", "");
  const first = await beat.getAttribute("data-value");
  let navigations = 0;
  page.on("framenavigated", () => navigations++);
  await expect(beat).not.toHaveAttribute("data-value", first!, { timeout: 15_000 });
  const second = await beat.getAttribute("data-value");
  expect(new Date(second!).getTime()).toBeGreaterThan(new Date(first!).getTime());
  expect(navigations).toBe(0);
  await expect(page.getByText("Purge des événements en direct")).toBeVisible();
  await page.screenshot({ path: "tests/.tmp/e2e-results/system.png", fullPage: true });
});

test("the alert bell counts new alerts live and an operator acknowledges them", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/alerts?acknowledged=false");
  const db = await appDb();
  await db.alert.updateMany({ where: { acknowledgedAt: null }, data: { acknowledgedAt: new Date() } });
  await page.reload();
  // The bell and the list must have loaded (and found nothing) before the alert is raised, or the
  // alert would reach them by their first fetch instead of by the live stream.
  await expect(page.getByText("Aucune alerte ne correspond.")).toBeVisible();
  await expect(page.getByTestId("alert-bell")).toHaveAttribute("data-count", "0");

  const meterName = `Tableau ${Date.now()}`;
  // Written by the page in its language from the alert's type and parameters.
  const title = `${meterName} : surtension sur L1`;
  await raiseAlert(db, {
    sourceKind: "METER",
    sourceId: "m-e2e",
    type: "voltage_high",
    params: { meter: meterName, phase: "L1", voltageV: 258.1, nominalV: 230, tolerancePct: 10 },
    severity: "ERROR",
    category: "grid_quality",
    measuredValue: 258.1,
    unit: "V",
    threshold: 253,
  });
  // Other tests' meters and backup jobs may raise alerts of their own meanwhile: count at least this one.
  await expect(page.getByTestId("alert-bell")).toHaveAttribute("data-count", /^[1-9]/);
  const row = page.getByTestId("alert-row").filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row).toContainText(/258,1\sV/);
  // Type and category are choices among the alerts' own; the source's kind is named even when it is gone.
  await page.getByLabel("Type").selectOption("voltage_high");
  await page.getByLabel("Catégorie").selectOption("grid_quality");
  await expect(row).toBeVisible();
  await expect(row).toContainText("Compteur");
  await page.getByLabel("Commentaire", { exact: true }).fill("ticket INC-42");
  await row.getByRole("button", { name: "Acquitter" }).click();
  await expect(row).toHaveCount(0);
  await expect
    .poll(async () => Number(await page.getByTestId("alert-bell").getAttribute("data-count")) === (await db.alert.count({ where: { acknowledgedAt: null } })))
    .toBe(true);
  await page.getByLabel("Acquittement").selectOption("true");
  const acknowledged = page.getByTestId("alert-row").filter({ hasText: title }).getByTestId("acknowledged");
  await expect(acknowledged).toContainText("Administrator");
  await expect(acknowledged).toContainText("« ticket INC-42 »");
});
