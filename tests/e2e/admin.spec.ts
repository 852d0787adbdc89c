import { expect, test } from "@playwright/test";
import { appDb, login, loginAsAdmin, trpcMutation, uniqueEmail } from "./helpers/app";
import { e2e } from "./helpers/environment";

test("settings are grouped by area, labelled with units and help, saved one group at a time, all or none", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/admin/settings");
  const general = page.locator("section").filter({ has: page.getByRole("heading", { name: "Général", exact: true }) });
  await expect(general).toBeVisible();
  await expect(page.getByRole("heading", { name: "Énergie : seuils d'alerte" })).toBeVisible();
  const retention = general.getByLabel("Conservation des événements en direct");
  const stale = general.getByLabel("Worker considéré arrêté après");
  await expect(general.locator(`[data-key="live.retentionDays"]`)).toContainText("jours");

  // One value out of range: the group is refused whole, the field is marked, nothing is stored.
  const staleBefore = await stale.inputValue();
  await stale.fill("45");
  await retention.fill("0");
  await general.getByRole("button", { name: "Enregistrer ce groupe" }).click();
  await expect(general.getByRole("alert").last()).toHaveText("Valeur refusée pour « Conservation des événements en direct ».");
  await expect(retention).toHaveAttribute("aria-invalid", "true");
  const db = await appDb();
  expect(await db.setting.findUnique({ where: { key: "system.workerStaleSeconds" } })).toBeNull();

  await retention.fill("8");
  await stale.fill(staleBefore);
  await general.getByRole("button", { name: "Enregistrer ce groupe" }).click();
  await expect(general.getByRole("status")).toHaveText("1 modification enregistrée");
  expect((await db.setting.findUniqueOrThrow({ where: { key: "live.retentionDays" } })).value).toBe(8);
  await page.screenshot({ path: "tests/.tmp/e2e-results/settings.png", fullPage: true });
  await retention.fill("7");
  await general.getByRole("button", { name: "Enregistrer ce groupe" }).click();
  await expect(general.getByRole("status")).toHaveText("1 modification enregistrée");
  await expect.poll(async () => (await db.setting.findUniqueOrThrow({ where: { key: "live.retentionDays" } })).value).toBe(7);
  // The confirmation outlives the refetch of the stored values, which remounts the group.
  await expect(retention).toHaveValue("7");
  await expect(general.getByRole("status")).toHaveText("1 modification enregistrée");
});

test("a notification channel shows its delivery history with the last error", async ({ page }) => {
  await loginAsAdmin(page);
  const name = `Webhook ${Date.now()}`;
  const channel = await trpcMutation<{ id: string }>(page.request, "notifications.create", {
    name,
    kind: "WEBHOOK",
    minSeverity: "CRITICAL",
    enabled: true,
    config: { url: "http://127.0.0.1:9/hook", headers: {} },
  });
  const db = await appDb();
  const alert = await db.alert.create({
    data: { type: "e2e.delivery", category: "system", severity: "CRITICAL", title: `Alerte de test ${name}`, sourceKind: "SYSTEM", acknowledgedAt: new Date() },
  });
  await db.notificationDelivery.create({
    data: { alertId: alert.id, channelId: channel.id, status: "FAILED", attempts: 8, lastError: "connect ECONNREFUSED 127.0.0.1:9" },
  });
  await page.goto("/admin/notifications");
  const card = page.locator("section").filter({ hasText: name });
  await expect(card.getByTestId("last-delivery")).toContainText("Dernier envoi : abandonné");
  await expect(card.getByTestId("last-error")).toContainText("ECONNREFUSED");
  await card.getByRole("button", { name: "Historique des envois" }).click();
  const delivery = card.getByTestId("delivery");
  await expect(delivery).toHaveAttribute("data-status", "FAILED");
  await expect(delivery).toContainText(`Alerte de test ${name}`);
  await expect(delivery).toContainText("8 tentatives");
  await trpcMutation(page.request, "notifications.delete", { id: channel.id });
});

test("a user changes their own password: the current one is required, every session ends", async ({ page, browser }) => {
  await loginAsAdmin(page);
  const email = uniqueEmail("self-service");
  await trpcMutation(page.request, "users.create", { email, name: "Camille", role: "VIEWER", password: "first password here" });
  const context = await browser.newContext({ baseURL: e2e.baseUrl, locale: "fr-FR" });
  const own = await context.newPage();
  await login(own, email, "first password here");
  await own.getByRole("link", { name: /Camille/ }).click();
  await expect(own.getByRole("heading", { name: "Mon compte" })).toBeVisible();
  await expect(own.getByText("Au moins 10 caractères")).toBeVisible();

  await own.getByLabel("Mot de passe actuel").fill("not the password");
  await own.getByLabel("Nouveau mot de passe", { exact: true }).fill("a second passphrase");
  await own.getByLabel("Confirmer le nouveau mot de passe").fill("a second passphrase");
  await own.getByRole("button", { name: "Changer mon mot de passe" }).click();
  await expect(own.getByText("Le mot de passe actuel est incorrect.")).toBeVisible();

  await own.getByLabel("Mot de passe actuel").fill("first password here");
  await own.getByRole("button", { name: "Changer mon mot de passe" }).click();
  await expect(own).toHaveURL(/\/login\?passwordChanged=1/);
  await expect(own.getByTestId("login-message")).toHaveText("Mot de passe changé. Reconnectez-vous avec le nouveau.");
  await login(own, email, "a second passphrase");
  await context.close();
});
