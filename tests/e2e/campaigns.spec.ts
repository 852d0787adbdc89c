import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { appDb, loginAsAdmin, trpcMutation } from "./helpers/app";

let server: Server;
let baseUrl: string;
test.beforeAll(async () => {
  server = createServer((req, res) => {
    const reply = () => {
      res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: req.url !== "/missing" }));
    };
    if (req.url === "/slow") setTimeout(reply, 1_500);
    else reply();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a campaign launched from the modal fills its report in live", async ({ page, playwright }) => {
  await loginAsAdmin(page);
  const suffix = Date.now();
  await trpcMutation(page.request, "campaigns.saveEnvironment", {
    id: null,
    data: { name: `Recette ${suffix}`, variables: [{ key: "base_url", value: baseUrl, secret: false }] },
  });
  const campaign = await trpcMutation<{ id: string }>(page.request, "campaigns.save", {
    id: null,
    data: {
      name: `API ${suffix}`,
      tests: [
        { name: "health", actions: [{ type: "http", params: { url: "{{base_url}}/ok", assertions: [{ kind: "status", expected: 200 }] } }] },
        { name: "slow", actions: [{ type: "http", params: { url: "{{base_url}}/slow", assertions: [{ kind: "jsonPath", path: "$.ok", expected: true }] } }] },
        { name: "missing page", actions: [{ type: "http", params: { url: "{{base_url}}/missing", assertions: [{ kind: "status", expected: 200 }] } }] },
      ],
    },
  });

  await page.goto(`/campaigns/${campaign.id}`);
  await expect(page.getByText("missing page").first()).toBeVisible();
  await page.screenshot({ path: "tests/.tmp/e2e-results/campaign-editor.png", fullPage: true });
  await page.getByTestId("run-campaign").click();
  const name = page.getByLabel("Nom du rapport");
  await expect(name).toHaveValue(/^[A-ZÉÀ][a-zéû]+ \d{4}$/);
  const reportName = `${await name.inputValue()}`;
  await page.getByRole("button", { name: "Lancer" }).click();
  // The server's error by its code, in the page's language.
  await expect(page.getByText("Choisissez la filière sur laquelle exécuter.")).toBeVisible();
  await page.getByLabel("Filière").selectOption({ label: `Recette ${suffix}` });
  await page.getByRole("button", { name: "Lancer" }).click();

  await expect(page).toHaveURL(/\/campaigns\/reports\//);
  const rows = page.getByTestId("result-row");
  await expect(rows).toHaveCount(3);
  // The slow test is seen running, then everything ends without a reload.
  await expect(rows.nth(1)).toHaveAttribute("data-status", "RUNNING", { timeout: 15_000 });
  await expect(page.getByTestId("report-status")).toHaveAttribute("data-status", "FAILED", { timeout: 20_000 });
  await expect(rows.nth(0)).toHaveAttribute("data-status", "PASSED");
  await expect(rows.nth(2)).toHaveAttribute("data-status", "FAILED");
  await expect(page.getByTestId("progress-value")).toHaveText("100 %");
  // Log lines are written in the reader's language from their codes: live, then as stored.
  const failedLog = page.getByTestId("log-console");
  await expect(failedLog).toContainText("✗ status equals 200 (obtenu 404)");
  await expect(failedLog).toContainText(/← 404 Not Found en \d+ ms, \d+ caractères/);
  await page.screenshot({ path: "tests/.tmp/e2e-results/campaign-report.png", fullPage: true });
  await page.reload();
  await expect(failedLog).toContainText("✗ status equals 200 (obtenu 404)");
  await expect(failedLog).not.toContainText("characters");

  const exportUrl = `${page.url().replace(/\/campaigns\/reports\//, "/api/reports/")}/export`;
  const junit = await page.request.get(`${exportUrl}?format=junit`);
  expect(await junit.text()).toContain('<testcase classname="API');
  // A CI pipeline fetches it with an API token, without a session.
  const { token } = await trpcMutation<{ token: string }>(page.request, "apiTokens.issue", { name: `ci ${suffix}`, scope: "READ" });
  const pipeline = await playwright.request.newContext();
  expect((await pipeline.get(`${exportUrl}?format=json`)).status()).toBe(401);
  const exported = await pipeline.get(`${exportUrl}?format=json`, { headers: { authorization: `Bearer ${token}` } });
  expect((await exported.json()).results).toHaveLength(3);
  await pipeline.dispose();

  // The lists say how it went: last run, counts, duration, who launched it; a red progress bar.
  await page.goto("/campaigns");
  const listed = page.getByTestId("campaign-row").filter({ hasText: `API ${suffix}` });
  await expect(listed.getByTestId("status-badge")).toHaveAttribute("data-status", "FAILED");
  await expect(listed.getByTestId("report-counts")).toHaveText("2 ✓ 1 ✗ 0 ↷");
  await page.goto(`/campaigns/${campaign.id}`);
  const reportRow = page.getByTestId("report-row").filter({ hasText: reportName });
  await expect(reportRow.getByTestId("report-counts")).toHaveText("2 ✓ 1 ✗ 0 ↷");
  await expect(reportRow.getByTestId("report-duration")).toHaveText(/^\d+(,\d)?\s?s$/);
  await expect(reportRow.getByTestId("progress")).toHaveAttribute("data-failed", "true");
  await expect(reportRow).toContainText("Administrator");
  await page.screenshot({ path: "tests/.tmp/e2e-results/campaign-reports.png", fullPage: true });

  // Launched again under the same name: the server makes it unique.
  await page.goto(`/campaigns/${campaign.id}`);
  await page.getByTestId("run-campaign").click();
  await page.getByLabel("Filière").selectOption({ label: `Recette ${suffix}` });
  await page.getByRole("button", { name: "Lancer" }).click();
  await expect(page.getByRole("heading", { name: `${reportName} (1)` })).toBeVisible();
});

test("a Postman collection imported from its file runs with its scripts and fills its report", async ({ page }) => {
  await loginAsAdmin(page);
  const suffix = Date.now();
  await trpcMutation(page.request, "campaigns.saveEnvironment", {
    id: null,
    data: { name: `Postman ${suffix}`, variables: [{ key: "baseUrl", value: baseUrl, secret: false }] },
  });
  const test = (...exec: string[]) => [{ listen: "test", script: { exec } }];
  const collection = {
    info: { name: `Collection ${suffix}`, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
    item: [
      {
        name: "Health",
        event: test("pm.test('answers ok', () => pm.expect(pm.response.json().ok).to.be.true);"),
        request: { method: "GET", url: "{{baseUrl}}/ok" },
      },
      {
        name: "Pages",
        item: [{ name: "Missing", event: test("pm.test('is found', () => pm.response.to.have.status(200));"), request: "{{baseUrl}}/missing" }],
      },
    ],
  };
  await page.goto("/campaigns");
  await page
    .getByTestId("postman-file")
    .setInputFiles({ name: "collection.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(collection)) });
  await expect(page.getByTestId("import-report")).toContainText(`« Collection ${suffix} » importée : 2 requête(s)`);
  // The list shows it without a reload.
  const row = page.getByTestId("campaign-row").filter({ hasText: `Collection ${suffix}` });
  await expect(row).toContainText("Collection Postman");
  await row.getByRole("link").click();
  await expect(page.getByTestId("postman-request")).toHaveCount(2);
  await expect(page.getByTestId("postman-request").nth(1)).toContainText("Pages / Missing");
  await page.screenshot({ path: "tests/.tmp/e2e-results/postman-campaign.png", fullPage: true });

  await page.getByTestId("run-campaign").click();
  await page.getByLabel("Filière").selectOption({ label: `Postman ${suffix}` });
  await page.getByRole("button", { name: "Lancer" }).click();
  await expect(page).toHaveURL(/\/campaigns\/reports\//);
  await expect(page.getByTestId("report-status")).toHaveAttribute("data-status", "FAILED", { timeout: 20_000 });
  const rows = page.getByTestId("result-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute("data-status", "PASSED");
  await expect(rows.nth(1)).toHaveAttribute("data-status", "FAILED");
  await expect(page.getByTestId("log-console")).toContainText("✗ is found : expected response to have status code 200 but got 404");

  // The failed run raised an alert naming the campaign, with a link to it.
  await page.goto("/alerts");
  const source = page
    .getByTestId("alert-source")
    .filter({ hasText: `Collection ${suffix}` })
    .first();
  await expect(source).toContainText(`Campagne Collection ${suffix}`);
  await page.screenshot({ path: "tests/.tmp/e2e-results/alerts.png", fullPage: true });
  await source.getByRole("link").click();
  await expect(page.getByTestId("postman-requests")).toBeVisible();

  // Run again with a data file of two rows, as Newman's -d: each request runs once per row.
  await page.getByTestId("run-campaign").click();
  await page.getByLabel("Filière").selectOption({ label: `Postman ${suffix}` });
  await page.getByTestId("data-file").setInputFiles({ name: "rows.csv", mimeType: "text/csv", buffer: Buffer.from("id\n1\n2\n") });
  await expect(page.getByText("Choisi : rows.csv")).toBeVisible();
  await page.getByRole("button", { name: "Lancer" }).click();
  await expect(page).toHaveURL(/\/campaigns\/reports\//);
  await expect(page.getByTestId("report-status")).toHaveAttribute("data-status", "FAILED", { timeout: 20_000 });
  await expect(page.getByTestId("result-row")).toHaveCount(4);
});

test("an HTTP request is built with the form, each problem shown at its field in French, and saved as the action's parameters", async ({ page }) => {
  await loginAsAdmin(page);
  const suffix = Date.now();
  await page.goto("/campaigns/new");
  await page.getByLabel("Nom", { exact: true }).fill(`Formulaire ${suffix}`);
  await page.getByRole("button", { name: "Ajouter un test" }).click();
  const test = page.getByTestId("test-editor");
  await test.getByLabel("Nom du test").fill("commande");
  const builder = test.getByTestId("http-builder");
  await builder.getByLabel("Méthode").selectOption("POST");
  await builder.getByLabel("URL", { exact: true }).fill("{{base_url}}/orders");
  await builder.getByRole("button", { name: "Ajouter (Paramètres de l'URL)" }).click();
  await builder.getByLabel("Paramètres de l'URL 1 : Nom").fill("page");
  await builder.getByLabel("Paramètres de l'URL 1 : Valeur").fill("2");
  await builder.getByRole("button", { name: "Ajouter (En-têtes)" }).click();
  await builder.getByLabel("En-têtes 1 : Nom").fill("X-Trace");
  await builder.getByLabel("En-têtes 1 : Valeur").fill("e2e");
  await builder.getByRole("radio", { name: "JSON" }).check();
  await builder.getByRole("textbox", { name: "JSON", exact: true }).fill('{"ref": "{{$uuid}}", "qty": 2}');
  await builder.getByLabel("Authentification").selectOption("bearer");
  await builder.getByLabel("Jeton").fill("{{token}}");
  // The default check is the status; add a JSONPath one, with a path that does not start with $.
  await builder.getByRole("button", { name: "Ajouter (Vérifications)" }).click();
  await builder.getByLabel("Vérifications 2", { exact: true }).selectOption("jsonPath");
  const second = builder.getByTestId("assertion-row").nth(1);
  await second.getByLabel("Chemin JSONPath ($.…)").fill("id");
  await second.getByLabel("Comparaison").selectOption("exists");
  await builder.getByRole("button", { name: "Ajouter (Variables à extraire)" }).click();
  await builder.getByTestId("extraction-row").getByLabel("Chemin JSONPath ($.…)").fill("$.id");
  await builder.getByLabel("Variable 1", { exact: true }).fill("orderId");

  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Corrigez les champs signalés en rouge.")).toBeVisible();
  const path = second.getByLabel("Chemin JSONPath ($.…)");
  await expect(path).toHaveAttribute("aria-invalid", "true");
  await expect(second.getByRole("alert")).toContainText("$");
  await expect(second.getByRole("alert")).not.toContainText("Invalid");
  await path.fill("$.id");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/campaigns\/c[a-z0-9]+$/);
  await page.screenshot({ path: "tests/.tmp/e2e-results/request-builder.png", fullPage: true });

  const db = await appDb();
  const campaign = await db.campaign.findFirstOrThrow({ where: { name: `Formulaire ${suffix}` }, include: { tests: { include: { actions: true } } } });
  expect(campaign.tests[0]!.actions[0]!.params).toEqual({
    method: "POST",
    url: "{{base_url}}/orders",
    query: { page: "2" },
    headers: { "X-Trace": "e2e" },
    body: { type: "json", value: { ref: "{{$uuid}}", qty: 2 } },
    auth: { type: "bearer", token: "{{token}}" },
    assertions: [
      { kind: "status", expected: 200 },
      { kind: "jsonPath", path: "$.id", operator: "exists", expected: "" },
    ],
    extract: [{ from: "jsonPath", path: "$.id", variable: "orderId" }],
  });

  // Reopened, the form shows what was saved; the JSON stays one click away.
  await page.reload();
  const reopened = page.getByTestId("http-builder");
  await expect(reopened.getByLabel("URL", { exact: true })).toHaveValue("{{base_url}}/orders");
  await expect(reopened.getByLabel("En-têtes 1 : Nom")).toHaveValue("X-Trace");
  await page.getByLabel("Avancé (JSON)").check();
  await expect(page.getByLabel("Paramètres (JSON)")).toHaveValue(/"X-Trace": "e2e"/);
});

test("an environment's TLS settings: a text that is not PEM is refused at its field in French; a client key is kept without being shown", async ({ page }) => {
  await loginAsAdmin(page);
  const suffix = Date.now();
  const pemBlock = (label: string) => `-----BEGIN ${label}-----\nMIIBfake${suffix}\n-----END ${label}-----`;
  await page.goto("/campaigns/environments");
  await page.getByRole("button", { name: "Nouvelle filière" }).click();
  const form = page.getByTestId("environment-form").last();
  await form.getByLabel("Nom", { exact: true }).first().fill(`TLS ${suffix}`);
  await form.getByText("TLS : certificats des serveurs testés").click();
  await form.getByLabel("Accepter tout certificat").check();
  await form.getByLabel("Autorité de certification supplémentaire (PEM)").fill("pas un certificat");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(form.getByRole("alert").last()).toContainText("un certificat au format PEM");
  await form.getByLabel("Autorité de certification supplémentaire (PEM)").fill(pemBlock("CERTIFICATE"));
  await form.getByLabel("Certificat client (PEM)").fill(pemBlock("CERTIFICATE"));
  await form.getByLabel("Clé privée du client (PEM)").fill(pemBlock("PRIVATE KEY"));
  await form.getByRole("button", { name: "Enregistrer" }).click();

  const db = await appDb();
  await expect.poll(async () => (await db.environment.findUnique({ where: { name: `TLS ${suffix}` } }))?.tlsInsecure).toBe(true);
  const stored = await db.environment.findUniqueOrThrow({ where: { name: `TLS ${suffix}` } });
  expect(stored.tlsClientKey).not.toContain("PRIVATE KEY");
  // Shown again: the key field is empty, saying one is stored; saved as it is, the key stays.
  const card = page.getByTestId("environment-form").filter({ has: page.locator(`input[value="TLS ${suffix}"]`) });
  await expect(card.getByLabel("Clé privée du client (PEM)")).toHaveValue("");
  await expect(card.getByLabel("Clé privée du client (PEM)")).toHaveAttribute("placeholder", /enregistrée/);
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect
    .poll(async () => (await db.environment.findUniqueOrThrow({ where: { id: stored.id } })).updatedAt.getTime())
    .toBeGreaterThan(stored.updatedAt.getTime());
  expect((await db.environment.findUniqueOrThrow({ where: { id: stored.id } })).tlsClientKey).toBe(stored.tlsClientKey);
  await db.environment.delete({ where: { id: stored.id } });
});
