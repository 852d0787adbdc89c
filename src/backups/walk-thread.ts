import { parentPort } from "node:worker_threads";
import { LocationError, walkLocation } from "./walk";
import type { WalkCommand, WalkedChunk, WalkRequest } from "./location-walks";

/**
 * Walks the locations of one session (one scan) at a time, in turn, posting each one's chunks
 * and then its end or its error, and at last the session's end. It stays at most `window` chunks
 * ahead of the scan: the scan gives one back for each it has read. A stopped session (a scan that
 * failed) is dropped between two chunks.
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

const post = (message: WalkedChunk) => port.postMessage(message);

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
}
