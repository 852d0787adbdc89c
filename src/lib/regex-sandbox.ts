import { Worker } from "node:worker_threads";

/** Runs in the sandbox thread: one match at a time, answered by id. */
const SANDBOX_SOURCE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ id, pattern, flags, input, group }) => {
  try {
    const match = new RegExp(pattern, flags).exec(input);
    parentPort.postMessage({ id, matched: match !== null, group: match ? (match[group] ?? null) : null });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message) });
  }
});`;

export class RegexError extends Error {}

type Job = {
  id: number;
  message: { pattern: string; flags: string; input: string; group: number };
  timeoutMs: number;
  resolve: (r: { matched: boolean; group: string | null }) => void;
  reject: (e: Error) => void;
};

/**
 * User-written regular expressions (campaign assertions and extractions) run in a thread of their
 * own with a hard time limit: a catastrophic pattern such as `(a+)+$` on a long input would
 * otherwise block the worker's event loop for minutes, its own timeouts included. The thread
 * matches one job at a time, so only the job at the head of the line is timed; on overrun that job
 * fails, the thread is terminated (the only way to stop a running match) and the others go to a
 * new one.
 */
class RegexSandbox {
  private worker: Worker | null = null;
  private readonly line: Job[] = [];
  private headTimer: NodeJS.Timeout | null = null;
  private online = false;
  private nextId = 0;

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(SANDBOX_SOURCE, { eval: true });
    worker.unref();
    // A busy machine may take long to start a thread: the clock runs from when it can match.
    this.online = false;
    worker.once("online", () => {
      this.online = true;
      this.timeHead();
    });
    worker.on("message", (m: { id: number; matched?: boolean; group?: string | null; error?: string }) => {
      const job = this.line[0];
      if (job?.id !== m.id) return;
      this.line.shift();
      if (m.error !== undefined) job.reject(new RegexError(`invalid regular expression: ${m.error}`));
      else job.resolve({ matched: Boolean(m.matched), group: m.group ?? null });
      this.timeHead();
    });
    worker.on("error", (err) => this.restart(new RegexError(`regular expression sandbox failed: ${err.message}`)));
    this.worker = worker;
    return worker;
  }

  private timeHead() {
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = null;
    const head = this.line[0];
    if (!head || !this.online) return;
    this.headTimer = setTimeout(
      () =>
        this.restart(
          new RegexError(
            `the regular expression ${JSON.stringify(head.message.pattern.slice(0, 80))} ran longer than ${head.timeoutMs} ms (catastrophic backtracking?)`,
          ),
        ),
      head.timeoutMs,
    );
  }

  /** Fails the job at the head of the line and hands the rest to a new thread. */
  private restart(reason: Error) {
    void this.worker?.terminate();
    this.worker = null;
    this.line.shift()?.reject(reason);
    for (const job of this.line) this.thread().postMessage({ id: job.id, ...job.message });
    this.timeHead();
  }

  exec(
    pattern: string,
    input: string,
    options: { flags?: string; group?: number; timeoutMs?: number } = {},
  ): Promise<{ matched: boolean; group: string | null }> {
    return new Promise((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        message: { pattern, flags: options.flags ?? "", input, group: options.group ?? 0 },
        timeoutMs: options.timeoutMs ?? 1_000,
        resolve,
        reject,
      };
      this.line.push(job);
      this.thread().postMessage({ id: job.id, ...job.message });
      if (this.line.length === 1) this.timeHead();
    });
  }
}

const sandbox = new RegexSandbox();

/** Whether `pattern` matches `input`, within the time limit (RegexError otherwise). */
export const regexTest = async (pattern: string, input: string, timeoutMs?: number) => (await sandbox.exec(pattern, input, { timeoutMs })).matched;

/** The `group` of the first match of `pattern` in `input`, or null. */
export const regexGroup = async (pattern: string, input: string, group: number, timeoutMs?: number) =>
  (await sandbox.exec(pattern, input, { group, timeoutMs })).group;
