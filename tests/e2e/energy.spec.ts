import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { appDb, loginAsAdmin, trpcMutation } from "./helpers/app";

test("a simulated meter added in the form streams live power, and answers a connection test", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/energy/meters/new");
  const name = `Simu ${Date.now()}`;
  await page.getByLabel("Nom").fill(name);
  await page.getByLabel("Liaison").selectOption("SERIAL");
  // The ports listed are the worker's (where links are opened), asked through the job queue.
  await expect(page.getByText(/sur .+ \(le worker\)/)).toBeVisible({ timeout: 15_000 });
  await page.getByLabel("Liaison").selectOption("SIMULATED");
  await page.getByLabel("Intervalle attendu (s)").fill("1");
  await page.getByRole("button", { name: "Créer" }).click();
  await expect(page).toHaveURL(/\/energy\/meters$/);

  const row = page.getByTestId("meter-row").filter({ hasText: name });
  await expect(row.getByTestId("meter-status")).toHaveAttribute("data-status", "ONLINE", { timeout: 40_000 });
  const power = row.getByTestId("live-power");
  await expect(power).not.toHaveAttribute("data-value", "");
  const first = await power.getAttribute("data-value");
  let navigations = 0;
  page.on("framenavigated", () => navigations++);
  // The simulator's load is noisy: a new reading a second later shows another power.
  await expect(power).not.toHaveAttribute("data-value", first!, { timeout: 15_000 });
  expect(navigations).toBe(0);

  await row.getByTestId("test-connection").click();
  await expect(row.getByTestId("test-result")).toHaveAttribute("data-ok", "true", { timeout: 20_000 });
  await expect(row.getByTestId("test-result")).toContainText("powerImportW");
  await page.screenshot({ path: "tests/.tmp/e2e-results/energy-meters.png", fullPage: true });
  // A meter left behind would go offline and raise an alert under later tests.
  await (await appDb()).meter.deleteMany({ where: { name } });
});

test("a remote datalogger posts telegrams with its meter token", async ({ page }) => {
  await loginAsAdmin(page);
  const meter = await trpcMutation<{ id: string }>(page.request, "meters.create", {
    name: `Remote ${Date.now()}`,
    protocol: "DSMR",
    transport: "REMOTE",
    pollIntervalSeconds: 10,
  });
  const { token } = await trpcMutation<{ token: string }>(page.request, "meters.rotateIngestToken", { id: meter.id });
  const telegram = readFileSync("tests/fixtures/meter-telegrams/dsmr_parser__v5_iskra_mt382.txt");

  const refused = await page.request.post(`/api/v1/meters/${meter.id}/telegrams`, { data: telegram, headers: { authorization: "Bearer wrong" } });
  expect(refused.status()).toBe(401);
  const accepted = await page.request.post(`/api/v1/meters/${meter.id}/telegrams`, {
    data: telegram,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
  });
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ frames: 1, stored: 1, errors: [] });
  const corrupt = Buffer.from(telegram);
  corrupt[120]! ^= 1;
  const bad = await page.request.post(`/api/v1/meters/${meter.id}/telegrams`, { data: corrupt, headers: { authorization: `Bearer ${token}` } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).errors[0].code).toBe("CHECKSUM");

  // Its page: the link's state, the refused frame's reason, the reading it decoded, its own thresholds.
  await page.goto(`/energy/meters/${meter.id}`);
  await expect(page.getByTestId("meter-status")).toHaveAttribute("data-status", "ONLINE");
  await expect(page.getByTestId("meter-last-error")).toContainText("CHECKSUM");
  await expect(page.getByTestId("meter-last-error")).toContainText("somme de contrôle fausse");
  await expect(page.getByTestId("meter-reading")).toHaveCount(1);
  await expect(page.getByRole("columnheader", { name: "Index soutiré (kWh)" })).toBeVisible();
  // Its last frames as they arrived: the refused one with why, the accepted one with what was read; the raw bytes on demand.
  const frames = page.getByTestId("meter-frame");
  await expect(frames).toHaveCount(2);
  await expect(frames.nth(0)).toHaveAttribute("data-accepted", "false");
  await expect(frames.nth(0)).toContainText("CHECKSUM");
  await expect(frames.nth(1)).toHaveAttribute("data-accepted", "true");
  await expect(frames.nth(1)).toContainText("lue");
  await frames.nth(1).getByText("Octets bruts").click();
  await expect(frames.nth(1).getByTestId("meter-frame-raw")).toContainText(telegram.toString("latin1").split("\r\n")[0]!);
  await page.getByLabel("Puissance souscrite").fill("6000");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  const limit = page.locator('[data-testid="meter-threshold"][data-name="contractLimitW"]');
  await expect(limit).toHaveAttribute("data-effective", "6000");
  await expect(limit).toContainText("propre à ce compteur");
  await page.screenshot({ path: "tests/.tmp/e2e-results/meter-page.png", fullPage: true });
  await trpcMutation(page.request, "meters.delete", { id: meter.id });
});
