import { spawn, type ChildProcess } from "node:child_process";

export type Supervised = { name: string; child: ChildProcess; exited: Promise<number | null> };

/**
 * Starts a child in the supervisor's process group: a terminal Ctrl-C reaches it directly (the web
 * server and the worker both shut down gracefully on SIGINT), and killing the group kills it too.
 */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Supervised {
  const child = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const killOnExit = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  process.on("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));
  return { name, child, exited };
}

/** SIGTERM, then SIGKILL if still running after `graceMs`. */
export async function stopChild(s: Supervised, graceMs: number): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill("SIGTERM");
  const timer = setTimeout(() => s.child.kill("SIGKILL"), graceMs);
  await s.exited;
  clearTimeout(timer);
}

/** Resolves once `url` answers 200, or rejects when `until` settles first. */
export async function waitForHttp(url: string, until: Promise<unknown>): Promise<void> {
  let done = false;
  void until.then(() => (done = true));
  while (!done) {
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never answered`);
}
