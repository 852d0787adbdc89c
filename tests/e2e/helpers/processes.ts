import { spawn, type ChildProcess } from "node:child_process";

export type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts a command in its own process group (as a terminal would), recording its output. */
export function run(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString("utf8")));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Sends a signal to the whole process group, like Ctrl-C in a terminal. */
export function signalGroup(r: Running, signal: NodeJS.Signals) {
  try {
    process.kill(-r.child.pid!, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err; // already gone
  }
}

export async function waitForOutput(r: Running, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = r.output().match(pattern);
    if (match) return match;
    if (r.child.exitCode !== null) throw new Error(`exited (${r.child.exitCode}) before ${pattern}:\n${r.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${r.output()}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
