import { parentPort } from "node:worker_threads";
import { LocationError, STAT_CHUNK, walkLocation } from "./walk";
import type { WalkCommand, WalkedChunk, WalkRequest } from "./location-walks";

/**
 * Walks the locations of one session (one scan) at a time, in turn, posting each one's chunks
 * and then its end or its error, and at last the session's end. It stays at most `window` chunks
 * ahead of the scan: the scan gives them back as it reads them, a few at a time. A stopped session
 * (a scan that failed) is dropped between two chunks. Messages go in batches of about a chunk's
 * worth of files: a message costs both threads a wake-up, and most backup locations hold a few
 * dozen files.
 */
const port = parentPort!;
let session = 0;
let credit = 0;
let stopped = false;
let wake: (() => void) | null = null;
const resume = () => {
  wake?.();
  wake = null;
};

port.on("message", (command: WalkCommand) => {
  if (command.type === "walk") void walkSession(command.session, command.locations, command.window);
  else if (command.session === session) {
    if (command.type === "credit") credit += command.chunks;
    else stopped = true;
    resume();
  }
});

const BATCH_MESSAGES = 64;
let outbox: WalkedChunk[] = [];
let outboxFiles = 0;
let flushSoon: NodeJS.Immediate | null = null;

const flush = () => {
  if (flushSoon) clearImmediate(flushSoon);
  flushSoon = null;
  if (outbox.length) port.postMessage(outbox);
  outbox = [];
  outboxFiles = 0;
};

/** Queues a message; the batch goes when full, or whenever the thread pauses (a large directory between its chunks, a wait for credit). */
const post = (message: WalkedChunk) => {
  outbox.push(message);
  if ("paths" in message) outboxFiles += message.paths.length;
  if (outboxFiles >= STAT_CHUNK || outbox.length >= BATCH_MESSAGES) flush();
  else flushSoon ??= setImmediate(flush);
};

async function walkSession(id: number, locations: WalkRequest[], window: number) {
  session = id;
  credit = window;
  stopped = false;
  for (let index = 0; index < locations.length && !stopped; index++) {
    const { root, pattern, recursive } = locations[index]!;
    try {
      for await (const files of walkLocation(root, { pattern, recursive })) {
        while (credit <= 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
        if (stopped) break;
        credit--;
        post({ session: id, index, ...files });
      }
      post({ session: id, index, end: true });
    } catch (err) {
      if (!(err instanceof LocationError)) throw err;
      post({ session: id, index, reason: err.reason });
    }
  }
  post({ session: id, index: locations.length, done: true });
  flush();
}
