import { Worker } from "node:worker_threads";
import type { BackupReason } from "./reasons";
import { type FoundFiles, LocationError } from "./walk";

export type WalkRequest = { root: string; pattern: string; recursive: boolean };
export type WalkCommand =
  | { type: "walk"; session: number; locations: WalkRequest[]; window: number }
  | { type: "credit"; session: number; chunks: number }
  | { type: "stop"; session: number };
export type WalkedChunk = { session: number; index: number } & (FoundFiles | { end: true } | { reason: BackupReason } | { done: true });

/** Chunks (of at most 512 files) the thread walks ahead of the scan: bounds the files held in memory. */
const WINDOW = 16;

/**
 * A thread that walks backup locations, kept for the next scan once a scan is done: starting one
 * costs 150–250 ms (its TypeScript loaded again), more than walking a thousand small locations.
 */
class WalkThread {
  readonly worker = new Worker(new URL("./walk-thread.mjs", import.meta.url));
  busy = false;
  failure: Error | null = null;
  onMessage: ((message: WalkedChunk) => void) | null = null;
  onFailure: (() => void) | null = null;

  constructor() {
    this.worker.unref();
    this.worker.on("message", (message: WalkedChunk) => this.onMessage?.(message));
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`the walk thread stopped (exit code ${code})`)));
  }

  private fail(err: Error) {
    this.failure ??= err;
    if (idle === this) idle = null;
    this.onFailure?.();
  }
}

let idle: WalkThread | null = null;
let sessions = 0;

/**
 * The locations of one scan, walked in order in a thread while the scan records what it already
 * read: `stat` of every file is most of a scan's CPU, and this way it runs beside the hashing, the
 * encoding and the database's work instead of between them. Read each location's chunks with
 * `walk(index)`, in order; `close()` when done or abandoned.
 */
export class LocationWalks {
  private readonly thread: WalkThread;
  private readonly session = ++sessions;
  private readonly arrived: WalkedChunk[] = [];
  private wake: (() => void) | null = null;
  private done = false;

  constructor(locations: WalkRequest[]) {
    // A scan running while another holds the kept thread gets a thread of its own.
    this.thread = idle && !idle.busy ? idle : new WalkThread();
    idle = null;
    this.thread.busy = true;
    this.thread.worker.ref();
    this.thread.onMessage = (message) => this.arrive(message);
    this.thread.onFailure = () => this.resume();
    this.command({ type: "walk", session: this.session, locations, window: WINDOW });
  }

  /** The chunks of location `index`, as `walkLocation` yields them; a location that fails throws its LocationError. */
  async *walk(index: number): AsyncGenerator<FoundFiles> {
    for (;;) {
      const message = await this.next();
      if (message.index !== index) throw new Error(`walk of location ${message.index} read as location ${index}`);
      if ("end" in message) return;
      if ("reason" in message) throw new LocationError(message.reason);
      if ("done" in message) throw new Error(`no location ${index} in this walk`);
      this.command({ type: "credit", session: this.session, chunks: 1 });
      const { paths, sizes, mtimes } = message;
      yield { paths, sizes, mtimes };
    }
  }

  /** Stops the walk if it is not over, and keeps the thread for the next scan once it has stopped. */
  async close(): Promise<void> {
    if (this.thread.failure) return;
    if (!this.done) this.command({ type: "stop", session: this.session });
    while (!this.done && !this.thread.failure) await this.next().catch(() => undefined);
    this.thread.onMessage = null;
    this.thread.onFailure = null;
    this.thread.busy = false;
    this.thread.worker.unref();
    if (this.thread.failure) return;
    if (idle) await this.thread.worker.terminate();
    else idle = this.thread;
  }

  private command(command: WalkCommand) {
    this.thread.worker.postMessage(command);
  }

  private async next(): Promise<WalkedChunk> {
    for (;;) {
      const message = this.arrived.shift();
      if (message) return message;
      if (this.thread.failure) throw this.thread.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private arrive(message: WalkedChunk) {
    if (message.session !== this.session) return;
    if ("done" in message) this.done = true;
    this.arrived.push(message);
    this.resume();
  }

  private resume() {
    this.wake?.();
    this.wake = null;
  }
}
