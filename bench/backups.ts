/**
 * bench:backups — 100,000 artefacts over 1,000 jobs: scan wall time and peak memory, next to
 * `find <root> -printf '%s %T@\n'` over the same tree (the floor: stat every file, nothing else).
 * The first scan records every artefact; a rescan finds nothing new, which is every scheduled
 * scan's usual case. Each figure is the median of three runs on a warm page cache, each in a fresh
 * process warmed up by scans of 20 other jobs first, as a running worker is by its earlier scans.
 * `find` is timed just before each scan and each scan compared with its own `find`: a shared
 * machine's speed drifts over minutes (`find` alone from 280 to 480 ms the same day), and two times
 * taken minutes apart would compare the drift as much as the code. A third figure, for information,
 * is a first scan in a process that has run one already (a worker running for days): the targets
 * are judged on the colder first figure.
 */
import { execFileSync } from "node:child_process";
import { mkdir, rm, truncate, utimes, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import pg from "pg";
import { forgetBackupScans } from "./lib/backup-scans";
import { benchDatabase } from "./lib/stack";
import { machine, round, targetLine } from "./lib/report";

const JOBS = 1_000;
const FILES_PER_JOB = 100;
const RUNS = Number(process.env.RUNS ?? 3);
const ARTEFACT_BYTES = 50 * 2 ** 20;

const root = resolve("bench", ".tmp", `backups-tree-${process.pid}`);

/** Jobs a scan process warms up on (see scan-once.ts), in a tree of their own beside the measured one. */
const WARM_UP_JOBS = 20;
const warmUpRoot = `${root}-warm-up`;

async function buildTree(at: string, jobs: number) {
  await rm(at, { recursive: true, force: true });
  const now = Date.now();
  for (let j = 0; j < jobs; j++) {
    const dir = join(at, `job-${String(j).padStart(4, "0")}`);
    await mkdir(dir, { recursive: true });
    await Promise.all(
      Array.from({ length: FILES_PER_JOB }, async (_, f) => {
        const path = join(dir, `backup-${String(f).padStart(3, "0")}.tar.gz`);
        // Sparse: the size of a real backup without its blocks. An empty file is a failed backup,
        // which would turn the first scan's calm NEW → OK flips into a thousand failures and alerts.
        await writeFile(path, "");
        await truncate(path, ARTEFACT_BYTES + f * 1024);
        // Hourly, the newest a minute old: every job is OK for the next hour.
        const mtime = new Date(now - (FILES_PER_JOB - 1 - f) * 3_600_000 - 60_000);
        await utimes(path, mtime, mtime);
      }),
    );
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function timeFind(): number {
  const times = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    execFileSync("find", [root, "-printf", "%s %T@\\n"], { maxBuffer: 64 * 2 ** 20 });
    return performance.now() - started;
  });
  return median(times);
}

type ScanRun = {
  ms: number;
  findMs: number;
  maxRssKb: number;
  rssBeforeKb: number;
  artefactsSeen: number;
  newArtefacts: number;
  errors: number;
  flips: Record<string, number>;
};

/** `count` hourly jobs named `<name> <n>`, each watching `<tree>/job-<n>`. */
async function insertJobs(client: pg.Client, name: string, tree: string, count: number) {
  await client.query(
    `INSERT INTO "BackupJob" ("id", "name", "location", "pattern", "scheduleKind", "intervalMinutes", "pingToken", "updatedAt")
     SELECT replace($1, ' ', '-') || '-' || g, $1 || ' ' || g, $2 || '/job-' || lpad(g::text, 4, '0'), '*.tar.gz', 'INTERVAL', 60, gen_random_uuid(), now()
     FROM generate_series(0, $3 - 1) g`,
    [name, tree, count],
  );
}

/** Throws unless the scan did what its figure says it did: a figure for other work would be read as this one's. */
function expectScan(run: ScanRun, newArtefacts: number, flips: Record<string, number>): ScanRun {
  const did = { artefactsSeen: run.artefactsSeen, newArtefacts: run.newArtefacts, errors: run.errors, flips: run.flips };
  const expected = { artefactsSeen: JOBS * FILES_PER_JOB, newArtefacts, errors: 0, flips };
  if (JSON.stringify(did) !== JSON.stringify(expected)) throw new Error(`the scan did ${JSON.stringify(did)}, not ${JSON.stringify(expected)}`);
  return run;
}
const firstScan = (run: ScanRun) => expectScan(run, JOBS * FILES_PER_JOB, { "NEW → OK": JOBS });
const rescan = (run: ScanRun) => expectScan(run, 0, {});

async function scanOnce(client: pg.Client, url: string, afterAFirstScan = false): Promise<ScanRun> {
  await insertJobs(client, "warm-up", warmUpRoot, WARM_UP_JOBS);
  const findMs = timeFind();
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/lib/scan-once.ts", url, ...(afterAFirstScan ? ["--after-a-first-scan"] : [])], {
    encoding: "utf8",
  });
  return { ...(JSON.parse(out.trim().split("\n").at(-1)!) as Omit<ScanRun, "findMs">), findMs };
}

async function main() {
  console.error(`building ${JOBS * FILES_PER_JOB} files in ${JOBS} directories…`);
  await buildTree(root, JOBS);
  await buildTree(warmUpRoot, WARM_UP_JOBS);
  const db = await benchDatabase("backups");
  try {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await insertJobs(client, "bench", root, JOBS);

    const first: ScanRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Back to a never-scanned state: each first scan records 100,000 artefacts and flips 1,000 jobs NEW → OK.
      await forgetBackupScans(client);
      first.push(firstScan(await scanOnce(client, db.url)));
    }
    const rescans: ScanRun[] = [];
    for (let i = 0; i < RUNS; i++) rescans.push(rescan(await scanOnce(client, db.url)));
    const warmFirst: ScanRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      await forgetBackupScans(client);
      warmFirst.push(firstScan(await scanOnce(client, db.url, true)));
    }
    await client.end();

    const findMs = median([...first, ...rescans].map((r) => r.findMs));
    const firstMs = median(first.map((r) => r.ms));
    const rescanMs = median(rescans.map((r) => r.ms));
    const firstRatio = median(first.map((r) => r.ms / r.findMs));
    const rescanRatio = median(rescans.map((r) => r.ms / r.findMs));
    const eachRun = (runs: ScanRun[]) => runs.map((r) => `${round(r.ms)}/${round(r.findMs)}`).join(", ");
    const check = first[0]!;
    console.log(`Machine: ${machine()}`);
    console.log(
      `tree: ${JOBS} jobs × ${FILES_PER_JOB} files = ${check.artefactsSeen} artefacts (first scan recorded ${check.newArtefacts}, rescan ${rescans[0]!.newArtefacts} new, ${check.errors} errors)`,
    );
    console.log(`find -printf '%s %T@\\n': ${round(findMs)} ms (median of the finds timed before each scan)`);
    console.log(
      `first scan (records 100,000 artefacts, flips 1,000 jobs NEW → OK): ${round(firstMs)} ms = ${round(firstRatio)}× find (scan/find ms: ${eachRun(first)}), peak RSS ${round(median(first.map((r) => r.maxRssKb)) / 1024)} MB (${round(median(first.map((r) => r.rssBeforeKb)) / 1024)} MB before the scan)`,
    );
    console.log(
      `rescan (nothing new): ${round(rescanMs)} ms = ${round(rescanRatio)}× find (scan/find ms: ${eachRun(rescans)}), peak RSS ${round(median(rescans.map((r) => r.maxRssKb)) / 1024)} MB (${round(median(rescans.map((r) => r.rssBeforeKb)) / 1024)} MB before the scan)`,
    );
    console.log(
      `first scan in a process that has run one already (for information): ${round(median(warmFirst.map((r) => r.ms)))} ms = ${round(median(warmFirst.map((r) => r.ms / r.findMs)))}× find (scan/find ms: ${eachRun(warmFirst)})`,
    );
    console.log(targetLine("backup_rescan_100k_vs_find", `${round(rescanRatio)}× (${round(rescanMs)} ms vs ${round(findMs)} ms)`, "≤ 3×", rescanRatio <= 3));
    console.log(targetLine("backup_first_scan_100k_vs_find", `${round(firstRatio)}× (${round(firstMs)} ms vs ${round(findMs)} ms)`, "≤ 3×", firstRatio <= 3));
  } finally {
    await db.cleanup();
    await rm(root, { recursive: true, force: true });
    await rm(warmUpRoot, { recursive: true, force: true });
  }
}

await main();
