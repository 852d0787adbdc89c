/**
 * `npm start` to the login page answering (`npm run bench:start`). First, as a new user would: a
 * fresh `git clone` of this checkout's HEAD, `npm install` (timed), then its first `npm start`
 * (production build, cluster creation, migrations, first admin, demo meter) to GET /login
 * answering 200. Then, here with the build present: a first start on an empty data folder and
 * warm restarts. Each start ends with Ctrl-C, timed until everything stopped.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../scripts/lib/embedded-postgres";
import { ensureProductionBuild } from "../scripts/lib/build";
import { machine, round, targetLine } from "./lib/report";

const TARGET_SECONDS = 10;
const FRESH_CLONE_TARGET_SECONDS = 90;
const dataDir = resolve("bench", ".tmp", `start-${process.pid}`);

async function startOnce(cwd = process.cwd(), folder = dataDir): Promise<{ ready: number; stopped: number }> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), VIGIE_DATA_DIR: folder, VIGIE_EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: "" };
  const began = performance.now();
  const child = spawn("npm", ["start"], { cwd, env, stdio: "ignore", detached: true });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((r) =>
    child.once("exit", (code) => {
      exitCode = code;
      r();
    }),
  );
  for (;;) {
    if (exitCode !== undefined) throw new Error(`npm start in ${cwd} exited (code ${exitCode}) before the login page answered`);
    const ok = await fetch(`http://127.0.0.1:${port}/login`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const ready = (performance.now() - began) / 1000;
  const stopping = performance.now();
  process.kill(-child.pid!, "SIGINT");
  await exited;
  return { ready, stopped: (performance.now() - stopping) / 1000 };
}

/** A new user's first minutes: clone, install, first start with its build. */
async function freshClone(): Promise<{ install: number; firstStart: number }> {
  const root = await mkdtemp(join(tmpdir(), "vigie-bench-start-"));
  // mkdtemp makes it 0700: as root, the embedded PostgreSQL's own user could not enter it.
  await chmod(root, 0o755);
  try {
    const clone = join(root, "vigie");
    execFileSync("git", ["clone", "-q", process.cwd(), clone]);
    const began = performance.now();
    execFileSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: clone, stdio: "ignore" });
    const install = (performance.now() - began) / 1000;
    console.log(`fresh clone: npm install ${round(install, 1)} s`);
    const first = await startOnce(clone, join(clone, ".vigie"));
    console.log(
      `fresh clone: first npm start (build included) to the login page ${round(first.ready, 1)} s; stopped ${round(first.stopped, 2)} s after Ctrl-C`,
    );
    return { install, firstStart: first.ready };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const fresh = process.argv.includes("--no-clone") ? null : await freshClone();
await ensureProductionBuild((m) => console.log(m));
await rm(dataDir, { recursive: true, force: true });
const first = await startOnce();
console.log(`first start (empty data folder): login page after ${round(first.ready, 2)} s; stopped ${round(first.stopped, 2)} s after Ctrl-C`);
const warm: number[] = [];
for (let i = 0; i < 3; i++) {
  const r = await startOnce();
  warm.push(r.ready);
  console.log(`restart ${i + 1}: login page after ${round(r.ready, 2)} s; stopped ${round(r.stopped, 2)} s after Ctrl-C`);
}
await rm(dataDir, { recursive: true, force: true });
const median = [...warm].sort((a, b) => a - b)[1]!;
console.log(`\nMachine: ${machine()}`);
if (fresh) {
  console.log(`fresh_clone_npm_install: ${round(fresh.install, 1)} s`);
  console.log(
    targetLine(
      "fresh_clone_first_start_to_login",
      `${round(fresh.firstStart, 1)} s (build included; ${round(fresh.install + fresh.firstStart, 1)} s with the install)`,
      `< ${FRESH_CLONE_TARGET_SECONDS} s after npm install`,
      fresh.firstStart < FRESH_CLONE_TARGET_SECONDS,
    ),
  );
}
console.log(targetLine("start_first_run_to_login", `${round(first.ready, 2)} s`, `< ${TARGET_SECONDS} s`, first.ready < TARGET_SECONDS));
console.log(targetLine("start_to_login", `${round(median, 2)} s (median of 3 restarts)`, `< ${TARGET_SECONDS} s`, median < TARGET_SECONDS));
