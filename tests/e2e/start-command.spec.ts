import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { freePort } from "../../scripts/lib/embedded-postgres";
import { isRunning, run, signalGroup, waitForOutput, type Running } from "./helpers/processes";

const port = 3102;
const dataDir = resolve("tests", ".tmp", "start-command");
// PostgreSQL's port is picked free when the test starts: a fixed one in the ephemeral range was
// sometimes held by an outgoing connection of another test ("Port 54392 is taken").
const envWith = (postgresPort: number) => ({ PORT: String(port), VIGIE_DATA_DIR: dataDir, VIGIE_EMBEDDED_PG_PORT: String(postgresPort), DATABASE_URL: "" });

function descendants(pid: number): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,pgid="], { encoding: "utf8" });
  return out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([, ppid]) => ppid === pid)
    .map(([p]) => p!);
}

test.describe.configure({ timeout: 240_000 });

test("`npm start` on a fresh folder: embedded PostgreSQL, first admin, login page; Ctrl-C stops it all; data persists", async ({ page }) => {
  await rm(dataDir, { recursive: true, force: true });
  const env = envWith(await freePort());
  const started: Running[] = [];
  const start = () => {
    const r = run("npm", ["start"], env);
    started.push(r);
    return r;
  };
  try {
    await startStopAndRestart(page, start);
  } finally {
    for (const r of started.filter((x) => x.child.exitCode === null)) {
      signalGroup(r, "SIGINT");
      await Promise.race([r.exited, new Promise((res) => setTimeout(res, 30_000))]);
    }
    await rm(dataDir, { recursive: true, force: true });
  }
});

async function startStopAndRestart(page: Page, start: () => Running) {
  const first = start();
  await waitForOutput(first, new RegExp(`Vigie is running at http://localhost:${port}`), 180_000);
  // The generated password comes last, in a box, after the build's output.
  const [, email, password] = await waitForOutput(first, /e-mail:\s+(\S+)\s+║\s+║ password:\s+(\S+)/, 30_000);
  expect(first.output().indexOf("First administrator created")).toBeGreaterThan(first.output().indexOf("Vigie is running"));
  const postgresPid = Number(execFileSync("head", ["-1", `${dataDir}/postgres/postmaster.pid`], { encoding: "utf8" }).trim());
  expect(isRunning(postgresPid)).toBe(true);

  await page.goto(`http://127.0.0.1:${port}/login`);
  await page.getByLabel("E-mail").fill(email!);
  await page.getByLabel("Mot de passe").fill(password!);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { name: "Tableau de bord" })).toBeVisible();
  // A fresh install has live data without hardware: the simulated demo meter.
  await page.goto(`http://127.0.0.1:${port}/energy/meters`);
  const demo = page.getByTestId("meter-row").filter({ hasText: "Compteur démo (simulé)" });
  await expect(demo.getByTestId("meter-status")).toHaveAttribute("data-status", "ONLINE", { timeout: 30_000 });
  await expect(demo.getByTestId("live-power")).not.toHaveAttribute("data-value", "");
  // …and eight weeks of history, so the analysis screen can already score its forecast.
  await page.goto(`http://127.0.0.1:${port}/energy/analysis`);
  await expect(page.getByTestId("forecast-backtest")).toContainText("MAPE");

  signalGroup(first, "SIGINT");
  const code = await first.exited;
  expect(first.output(), `exit code ${code}`).toContain("Vigie stopped");
  expect(first.output()).toContain("Vigie stopped");
  expect(isRunning(postgresPid)).toBe(false);
  expect(descendants(first.child.pid!)).toEqual([]);

  // Second start: same data and secrets, no new password, and the browser's session still holds.
  const second = start();
  await waitForOutput(second, /Vigie is running/, 120_000);
  expect(second.output()).not.toContain("First administrator created");
  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.getByRole("heading", { name: "Tableau de bord" })).toBeVisible();
  signalGroup(second, "SIGINT");
  await second.exited;
  expect(second.output()).toContain("Vigie stopped");
}
