import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

const inputs = ["src", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json"];
const stampFile = join(".next", "vigie-build-stamp");

async function walk(path: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) return;
  if (info.isDirectory()) {
    for (const entry of (await readdir(path)).sort()) await walk(join(path, entry), hash);
  } else {
    hash.update(`${path}\0${info.size}\0${info.mtimeMs}\0`);
  }
}

/** A fingerprint of everything the production build depends on (paths, sizes, times). */
async function sourceStamp(): Promise<string> {
  const hash = createHash("sha256");
  for (const input of inputs) await walk(input, hash);
  return hash.digest("hex");
}

/** Runs `next build` when the sources changed since the last build (or there is none). */
export async function ensureProductionBuild(log: (m: string) => void): Promise<void> {
  const stamp = await sourceStamp();
  const built = await readFile(stampFile, "utf8").catch(() => null);
  if (built === stamp) return;
  log("Building the web application (first start or sources changed)…");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code})`))));
    child.once("error", reject);
  });
  await writeFile(stampFile, stamp);
}
