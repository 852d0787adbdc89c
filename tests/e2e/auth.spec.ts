import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { login, trpcMutation, loginAsAdmin, uniqueEmail } from "./helpers/app";
import { e2e } from "./helpers/environment";

test("an anonymous visitor is sent to the login page and back after signing in", async ({ page }) => {
  await page.goto("/admin/system");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fsystem/);
  await page.getByLabel("E-mail").fill(e2e.admin.email);
  await page.getByLabel("Mot de passe").fill("wrong password");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("login-message")).toHaveText("E-mail ou mot de passe incorrect.");
  await page.getByLabel("Mot de passe").fill(e2e.admin.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/admin\/system$/);
  await expect(page.getByRole("heading", { name: "Système" })).toBeVisible();
});

test("an admin creates a viewer, who is refused the admin pages", async ({ page, browser }) => {
  await loginAsAdmin(page);
  await page.goto("/admin/users");
  const email = uniqueEmail("viewer");
  await page.getByRole("button", { name: "Nouvel utilisateur" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Nom").fill("Vera Viewer");
  await dialog.getByLabel("Rôle").selectOption("VIEWER");
  await dialog.getByLabel("Mot de passe").fill("viewer-password-1");
  await dialog.getByRole("button", { name: "Créer" }).click();
  await expect(page.locator(`[data-testid=user-row][data-email="${email}"]`)).toBeVisible();

  const viewer = await browser.newPage();
  await login(viewer, email, "viewer-password-1");
  await expect(viewer.getByRole("navigation").getByRole("link", { name: "Administration" })).toHaveCount(0);
  const response = await viewer.goto("/admin/system");
  expect(response?.status()).toBe(403);
  await expect(viewer.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
  // The meters list: nothing to act on, so no Actions column; protocols by their names.
  await trpcMutation(page.request, "meters.create", { name: `Vu ${Date.now()}`, protocol: "DSMR", transport: "REMOTE", pollIntervalSeconds: 10 });
  await viewer.goto("/energy/meters");
  await expect(viewer.getByTestId("meter-row").first()).toBeVisible();
  await expect(viewer.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
  await expect(viewer.getByTestId("meter-row").first()).toContainText(/DSMR P1 \(push\)|DLMS\/COSEM \(push\)|IEC 62056-21 \(relevé\)|SML \(push/);
  await viewer.close();
});

test("disabling an account ends its open session", async ({ page, browser }) => {
  await loginAsAdmin(page);
  await page.goto("/admin/users");
  const email = uniqueEmail("operator");
  await page.getByRole("button", { name: "Nouvel utilisateur" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Nom").fill("Otto Operator");
  await dialog.getByLabel("Rôle").selectOption("OPERATOR");
  await dialog.getByLabel("Mot de passe").fill("operator-password-1");
  await dialog.getByRole("button", { name: "Créer" }).click();

  const operator = await browser.newPage();
  await login(operator, email, "operator-password-1");
  await operator.goto("/alerts");
  await expect(operator.getByRole("heading", { name: "Alertes et événements" })).toBeVisible();

  await page.locator(`[data-testid=user-row][data-email="${email}"]`).getByRole("button", { name: "Désactiver" }).click();
  await expect(page.locator(`[data-testid=user-row][data-email="${email}"]`).getByText("Désactivé")).toBeVisible();

  await operator.goto("/alerts");
  await expect(operator).toHaveURL(/\/login/);
  await operator.close();
});

test("an expired session sends the user back to the login page", async ({ page, context }) => {
  const expired = await encode({
    salt: "authjs.session-token",
    secret: e2e.authSecret,
    token: { sub: "someone", role: "ADMIN", sv: 0, exp: Math.floor(Date.now() / 1000) - 60 },
  });
  await context.addCookies([{ name: "authjs.session-token", value: expired, url: e2e.baseUrl }]);
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/login/);
});

test("repeated wrong passwords are slowed down with a clear message", async ({ page }) => {
  const email = uniqueEmail("nobody");
  await page.goto("/login");
  const message = page.getByTestId("login-message");
  const throttled = /Trop de tentatives\. Réessayez dans \d+ s\./;
  const password = page.getByLabel("Mot de passe");
  const submit = page.getByRole("button", { name: "Se connecter" });
  await page.getByLabel("E-mail").fill(email);
  for (let i = 0; i < 12; i++) {
    await password.fill(`wrong-${i}`);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/login"));
    await submit.click();
    await answered;
    // The attempt is over when React has reset the form after its answer: filling the next
    // password before that saw it emptied, and the browser refused to submit an empty field.
    await expect(password).toHaveValue("");
    await expect(submit).toBeEnabled();
    await expect(message).toBeVisible();
    if (throttled.test((await message.textContent()) ?? "")) break;
  }
  await expect(message).toHaveText(throttled);
});
