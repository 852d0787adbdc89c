/**
 * `npm start` from a stopped state to the login page answering (`npm run bench:start`).
 * The production build exists already (the first `npm start` makes it, once); measured: a first
 * start on an empty data folder (cluster creation, migrations, first admin) and warm restarts,
 * each from spawning `npm start` to GET /login answering 200, then Ctrl-C to everything stopped.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { freePort } from "../scripts/lib/embedded-postgres";
import { ensureProductionBuild } from "../scripts/lib/build";
import { machine, round, targetLine } from "./lib/report";

const TARGET_SECONDS = 10;
const dataDir = resolve("bench", ".tmp", `start-${process.pid}`);

async function startOnce(): Promise<{ ready: number; stopped: number }> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), VIGIE_DATA_DIR: dataDir, VIGIE_EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: "" };
  const began = performance.now();
  const child = spawn("npm", ["start"], { env, stdio: "ignore", detached: true });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  for (;;) {
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
console.log(targetLine("start_first_run_to_login", `${round(first.ready, 2)} s`, `< ${TARGET_SECONDS} s`, first.ready < TARGET_SECONDS));
console.log(targetLine("start_to_login", `${round(median, 2)} s (median of 3 restarts)`, `< ${TARGET_SECONDS} s`, median < TARGET_SECONDS));
