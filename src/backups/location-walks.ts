import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { BackupReason } from "./reasons";
import { type FoundFiles, LocationError } from "./walk";

export type WalkRequest = { root: string; pattern: string; recursive: boolean };
export type WalkCommand =
  | { type: "walk"; session: number; locations: WalkRequest[]; window: number }
  | { type: "credit"; session: number; chunks: number }
  | { type: "stop"; session: number };
export type WalkedChunk = { session: number; index: number } & (FoundFiles | { end: true } | { reason: BackupReason } | { done: true });

/** Chunks (of at most 512 files) a thread walks ahead of the scan: bounds the files held in memory. */
const WINDOW = 16;
/** Chunks read before they are given back to the thread: one message per few, not one each. */
const CREDIT_BATCH = 4;

/**
 * Threads a scan walks with. `stat` of every file is most of a scan's CPU and one thread cannot
 * keep the scan busy: with two, each walking every other location, a second core walks too.
 */
const THREADS = Math.min(2, availableParallelism());

/**
 * A thread that walks backup locations, kept for the next scan once a scan is done: starting one
 * costs 150–250 ms (its TypeScript loaded again), more than walking a thousand small locations.
 */
class WalkThread {
  readonly worker = new Worker(new URL("./walk-thread.mjs", import.meta.url));
  failure: Error | null = null;
  onMessage: ((messages: WalkedChunk[]) => void) | null = null;
  onFailure: (() => void) | null = null;

  constructor() {
    this.worker.unref();
    this.worker.on("message", (messages: WalkedChunk[]) => this.onMessage?.(messages));
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`the walk thread stopped (exit code ${code})`)));
  }

  private fail(err: Error) {
    this.failure ??= err;
    const kept = idle.indexOf(this);
    if (kept >= 0) idle.splice(kept, 1);
    this.onFailure?.();
  }
}

/** Threads kept between scans; a scan running while another holds them starts threads of its own. */
const idle: WalkThread[] = [];
let sessions = 0;

/** One thread's share of a scan: locations `lane`, `lane + lanes`, … in that order. */
type Lane = { thread: WalkThread; arrived: WalkedChunk[]; done: boolean; owed: number };

/**
 * The locations of one scan, walked in order in threads while the scan records what it already
 * read: the walk runs beside the hashing, the encoding and the database's work instead of between
 * them. Read each location's chunks with `walk(index)`, in order; `close()` when done or abandoned.
 */
export class LocationWalks {
  private readonly threads: WalkThread[];
  private readonly lanes: Lane[];
  private readonly session = ++sessions;
  private wake: (() => void) | null = null;

  constructor(locations: WalkRequest[]) {
    // Every thread is taken, even for one location: the next scan then finds them all started.
    this.threads = idle.splice(0);
    while (this.threads.length < THREADS) this.threads.push(new WalkThread());
    const count = Math.min(this.threads.length, locations.length);
    this.lanes = this.threads.slice(0, count).map((thread, lane) => {
      const state: Lane = { thread, arrived: [], done: false, owed: 0 };
      thread.worker.ref();
      thread.onMessage = (messages) => this.arrive(state, messages);
      thread.onFailure = () => this.resume();
      const share = locations.filter((_, index) => index % count === lane);
      thread.worker.postMessage({ type: "walk", session: this.session, locations: share, window: WINDOW } satisfies WalkCommand);
      return state;
    });
  }

  /** The chunks of location `index`, as `walkLocation` yields them; a location that fails throws its LocationError. */
  async *walk(index: number): AsyncGenerator<FoundFiles> {
    const lane = this.lanes[index % this.lanes.length]!;
    const position = Math.floor(index / this.lanes.length);
    for (;;) {
      const message = await this.next(lane);
      if (message.index !== position) throw new Error(`walk of location ${message.index} read as location ${position} of its thread`);
      if ("end" in message) return;
      if ("reason" in message) throw new LocationError(message.reason);
      if ("done" in message) throw new Error(`no location ${index} in this walk`);
      if (++lane.owed >= CREDIT_BATCH) {
        this.command(lane, { type: "credit", session: this.session, chunks: lane.owed });
        lane.owed = 0;
      }
      const { paths, sizes, mtimes } = message;
      yield { paths, sizes, mtimes };
    }
  }

  /** Stops the walks not over, and keeps the threads for the next scan once they have stopped. */
  async close(): Promise<void> {
    for (const lane of this.lanes) if (!lane.done && !lane.thread.failure) this.command(lane, { type: "stop", session: this.session });
    for (const lane of this.lanes) while (!lane.done && !lane.thread.failure) await this.next(lane).catch(() => undefined);
    for (const thread of this.threads) {
      thread.onMessage = null;
      thread.onFailure = null;
      thread.worker.unref();
      if (thread.failure) continue;
      if (idle.length < THREADS) idle.push(thread);
      else await thread.worker.terminate();
    }
  }

  private command(lane: Lane, command: WalkCommand) {
    lane.thread.worker.postMessage(command);
  }

  private async next(lane: Lane): Promise<WalkedChunk> {
    for (;;) {
      const message = lane.arrived.shift();
      if (message) return message;
      if (lane.thread.failure) throw lane.thread.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private arrive(lane: Lane, messages: WalkedChunk[]) {
    for (const message of messages) {
      if (message.session !== this.session) continue;
      if ("done" in message) lane.done = true;
      lane.arrived.push(message);
    }
    this.resume();
  }

  private resume() {
    this.wake?.();
    this.wake = null;
  }
}
