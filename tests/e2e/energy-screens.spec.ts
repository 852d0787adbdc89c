import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { backfillSimulatedReadings } from "../../src/metering/simulator/backfill";
import { raiseAlert } from "../../src/platform/alerts/alerts";
import { appDb, loginAsAdmin, trpcMutation } from "./helpers/app";

const shots = "tests/.tmp/e2e-results";

test("the dashboard's power and last hour follow the simulated meter live, without a reload", async ({ page }) => {
  await loginAsAdmin(page);
  const db = await appDb();
  const meter = await trpcMutation<{ id: string }>(page.request, "meters.create", {
    name: `Dashboard ${Date.now()}`,
    protocol: "DSMR",
    transport: "SIMULATED",
    pollIntervalSeconds: 1,
  });
  await page.goto(`/energy?meter=${meter.id}`);
  const power = page.getByTestId("dashboard-power");
  await expect(power).not.toHaveAttribute("data-value", "", { timeout: 40_000 });
  const first = await power.getAttribute("data-value");
  let navigations = 0;
  page.on("framenavigated", () => navigations++);
  await expect(power).not.toHaveAttribute("data-value", first!, { timeout: 15_000 });
  expect(navigations).toBe(0);
  const card = page.getByTestId("dashboard-meter");
  await expect(card.getByTestId("meter-status")).toHaveAttribute("data-status", "ONLINE");
  await expect(card.getByTestId("phase-row").first()).toContainText(" V");
  // The last hour's chart grows with the live readings, without refetching its history.
  const chart = page.getByTestId("dashboard-power-chart");
  await expect(chart.locator("canvas")).toBeVisible();
  const pointsNow = Number(await chart.getAttribute("data-points"));
  await expect.poll(async () => Number(await chart.getAttribute("data-points")), { timeout: 20_000 }).toBeGreaterThan(pointsNow);
  // No contract yet: the cost card says where to set one.
  if ((await db.tariff.count()) === 0) await expect(page.getByTestId("set-tariff")).toHaveAttribute("href", "/energy/tariffs");
  await page.screenshot({ path: `${shots}/energy-dashboard.png`, fullPage: true });
  await trpcMutation(page.request, "meters.delete", { id: meter.id });
});

test("a meter event appears live on the events screen and an operator acknowledges it", async ({ page }) => {
  await loginAsAdmin(page);
  const db = await appDb();
  const meter = await db.meter.create({ data: { name: `Events ${Date.now()}`, protocol: "DSMR", transport: "REMOTE" } });
  await page.goto(`/energy/events?meter=${meter.id}`);
  await expect(page.getByText("Aucune alerte ne correspond.")).toBeVisible();
  await raiseAlert(db, {
    sourceKind: "METER",
    sourceId: meter.id,
    type: "power_over_limit",
    params: { meter: meter.name, powerW: 12_400, limitW: 12_000 },
    severity: "ERROR",
    category: "power",
    measuredValue: 12_400,
    unit: "W",
    threshold: 12_000,
  });
  const row = page.getByTestId("alert-row").filter({ hasText: `${meter.name} : puissance au-dessus de la limite du contrat` });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Acquitter" }).click();
  await expect(row.getByTestId("acknowledged")).toContainText("Administrator");
  const stored = await db.alert.findFirstOrThrow({ where: { sourceId: meter.id } });
  expect(stored.acknowledgedAt).not.toBeNull();
  expect(stored.acknowledgedById).not.toBeNull();
  await page.goto(`/energy?meter=${meter.id}`);
  await expect(page.getByText("Aucun événement à acquitter.")).toBeVisible();
  await db.meter.delete({ where: { id: meter.id } });
});

test("history, analysis and forecast draw weeks of readings; the CSV export downloads them", async ({ page }) => {
  await loginAsAdmin(page);
  const db = await appDb();
  const meter = await db.meter.create({ data: { name: `History ${Date.now()}`, protocol: "DSMR", transport: "REMOTE", pollIntervalSeconds: 900 } });
  const now = Date.now();
  const to = new Date(now - (now % 900_000));
  await backfillSimulatedReadings(db, meter, {
    from: new Date(to.getTime() - 63 * 86_400_000),
    to,
    intervalSeconds: 900,
    timezone: "Europe/Paris",
    simulator: { seed: 3 },
  });

  await page.goto(`/energy/analysis?meter=${meter.id}`);
  const backtest = page.getByTestId("forecast-backtest");
  await expect(backtest).toContainText("MAPE");
  const mape = Number(await backtest.getAttribute("data-mape"));
  const naive = Number(await backtest.getAttribute("data-naive-mape"));
  expect(mape).toBeGreaterThan(0);
  expect(mape).toBeLessThan(naive);
  await expect(page.getByTestId("analysis-daily")).not.toHaveAttribute("data-points", "0");
  await expect(page.getByTestId("analysis-daily").locator("canvas")).toBeVisible();
  await expect(page.getByTestId("analysis-forecast")).toHaveAttribute("data-points", "24");
  await expect(page.getByTestId("analysis-base-load")).toContainText("kW");
  await page.screenshot({ path: `${shots}/energy-analysis.png`, fullPage: true });

  await page.goto(`/energy/history?meter=${meter.id}`);
  await page.getByRole("button", { name: "Semaine" }).click();
  await expect(page.getByTestId("history-power")).toHaveAttribute("data-points", /^[1-9]\d*$/);
  await expect(page.getByTestId("history-registers")).toContainText("1.8.1");
  await page.getByLabel("Comparer avec la période précédente").check();
  await expect(page.getByTestId("history-totals")).toContainText("Période précédente");
  await page.screenshot({ path: `${shots}/energy-history.png`, fullPage: true });

  await page.getByRole("button", { name: "Jour" }).click();
  await page.getByRole("button", { name: "← Précédent" }).click();
  await page.getByLabel("L1").first().check();
  await expect(page.getByTestId("history-voltage")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-readings").click();
  const file = await (await download).path();
  const lines = (await readFile(file, "utf8")).trim().split("\n");
  expect(lines[0]).toMatch(/^meterId,at,energyImportKwh,/);
  // Yesterday, a reading every 15 minutes (23 to 25 on a daylight-saving day).
  expect(lines.length - 1).toBeGreaterThanOrEqual(92);
  expect(lines.length - 1).toBeLessThanOrEqual(100);
  expect(lines.slice(1).every((l) => l.startsWith(`${meter.id},`))).toBe(true);
  await page.screenshot({ path: `${shots}/energy-history-day.png`, fullPage: true });
  await db.meter.delete({ where: { id: meter.id } });
});
