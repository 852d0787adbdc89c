import { mkdtemp, mkdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { loginAsAdmin } from "./helpers/app";

let root: string;
test.beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "vigie-e2e-backups-"));
  await mkdir(join(root, "nas"));
  for (const [i, size] of [10_000, 12_000, 11_000].entries()) {
    const path = join(root, "nas", `db-${i}.tar.gz`);
    await writeFile(path, Buffer.alloc(size, 1));
    const mtime = new Date(Date.now() - (3 - i) * 3_600_000);
    await utimes(path, mtime, mtime);
  }
});
test.afterAll(() => rm(root, { recursive: true, force: true }));

test("a backup job is created, scanned on demand, and follows pings live", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/backups/new");
  const name = `NAS ${Date.now()}`;
  await page.getByLabel("Nom").fill(name);
  await page.getByLabel("Emplacement").fill(join(root, "nas"));
  await page.getByRole("button", { name: "Vérifier l'accès" }).click();
  await expect(page.getByTestId("location-check")).toHaveText("Lisible par Vigie.");
  // The interval is typed in the unit an operator thinks in.
  await page.getByLabel("Intervalle attendu", { exact: true }).fill("4");
  await page.getByLabel("Intervalle attendu (unité)").selectOption("hours");
  await page.getByRole("button", { name: "Créer" }).click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  // The schedule in words, with the next five runs it expects.
  await expect(page.getByTestId("schedule-words")).toHaveText("Toutes les 4 h");
  await expect(page.getByTestId("next-runs").locator("li")).toHaveCount(5);
  // A new job is checked at once, without waiting for the next scheduled scan.
  await expect(page.getByTestId("backup-status").first()).toHaveAttribute("data-status", "OK", { timeout: 20_000 });
  await expect(page.getByTestId("timeline").locator('[data-kind="artefact"]')).toHaveCount(3);
  await expect(page.getByTestId("size-chart")).toHaveAttribute("data-points", "3");
  // Scanned again on demand: the same three files, none new.
  await page.getByTestId("scan-now").click();
  await expect(page.getByTestId("scan-progress")).toHaveAttribute("data-state", "done", { timeout: 20_000 });
  await expect(page.getByTestId("scan-progress")).toContainText("3 fichiers, 0 nouveaux");

  // A backup tool reports a failure: the page follows without a reload.
  const pingUrl = (await page.getByTestId("ping-url").textContent())!;
  // Ready to paste: the same URL in a borgmatic hook, and a copy button.
  await page.getByRole("tab", { name: "borgmatic" }).click();
  await expect(page.getByTestId("ping-snippet")).toContainText(`on_error:\n  - curl -fsS -m 10 --retry 5 -o /dev/null ${pingUrl}/fail`);
  await expect(page.getByTestId("copy-ping-url")).toHaveText("Copier");
  const failed = await page.request.post(`${pingUrl}/2`, { data: "borg: Permission denied" });
  expect(failed.status()).toBe(200);
  await expect(page.getByTestId("backup-status").first()).toHaveAttribute("data-status", "FAILED");
  await expect(page.getByTestId("status-reason")).toHaveText("l'outil de sauvegarde s'est terminé avec le code 2");
  await expect(page.getByTestId("timeline")).toContainText("borg: Permission denied");
  await page.screenshot({ path: "tests/.tmp/e2e-results/backup-detail.png", fullPage: true });

  const recovered = await page.request.get(pingUrl);
  expect(await recovered.text()).toBe("OK OK\n");
  await expect(page.getByTestId("backup-status").first()).toHaveAttribute("data-status", "OK");

  const unknown = await page.request.get("/api/v1/ping/0b9f9a4e-3a59-4c47-9d4f-3f5d1a2b3c4d/fail");
  expect(unknown.status()).toBe(404);

  await page.goto("/backups");
  const row = page.getByTestId("backup-row").filter({ hasText: name });
  await expect(row.getByTestId("backup-status")).toHaveAttribute("data-status", "OK");
  await expect(row.getByTestId("size-chart")).toBeVisible();
  // Searched by name, filtered by state.
  await page.getByLabel("Rechercher (nom, emplacement)").fill(name);
  await expect(page.getByTestId("backup-row")).toHaveCount(1);
  await page.getByLabel("État").selectOption("FAILED");
  await expect(page.getByTestId("backup-row")).toHaveCount(0);
  await page.getByLabel("État").selectOption("OK");
  await expect(page.getByTestId("backup-row")).toHaveCount(1);
  await page.screenshot({ path: "tests/.tmp/e2e-results/backups-list.png", fullPage: true });

  // Paused and resumed, and scanned, from the list.
  await page.getByLabel("État").selectOption("");
  await row.getByRole("button", { name: "Suspendre" }).click();
  await expect(row.getByTestId("backup-status")).toHaveAttribute("data-status", "PAUSED");
  await expect(row.getByTestId("scan-now")).toHaveCount(0);
  await row.getByRole("button", { name: "Reprendre" }).click();
  await expect(row.getByTestId("backup-status")).toHaveAttribute("data-status", "OK", { timeout: 20_000 });
  await row.getByTestId("scan-now").click();
  await expect(row.getByTestId("scan-progress")).toHaveAttribute("data-state", "done", { timeout: 20_000 });
});

test("an invalid cron expression or glob is refused at save with a clear message", async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto("/backups/new");
  await page.getByLabel("Nom").fill(`Bad ${Date.now()}`);
  await page.getByLabel("Emplacement").fill("/srv/backups");
  await page.getByLabel("Motif (glob)").fill("db-[0-9.tar");
  await page.getByLabel("Planification").selectOption("CRON");
  await page.getByLabel("Expression cron (ex. 0 2 * * *)").fill("61 * * * *");
  await page.getByRole("button", { name: "Créer" }).click();
  await expect(page.getByText(/expression cron invalide/).first()).toBeVisible();
  await expect(page.getByText("motif invalide : [] non équilibrés dans le motif").first()).toBeVisible();
  await expect(page).toHaveURL(/\/backups\/new$/);
});
