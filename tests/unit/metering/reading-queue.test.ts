import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ReadingQueue } from "../../../src/metering/links/reading-queue";
import type { DecodedFrame } from "../../../src/metering/reading";
import type { Logger } from "../../../src/platform/logger";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const frame = (n: number): DecodedFrame => ({
  protocol: "dsmr",
  meterId: "m",
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  fields: { energyImportKwh: n },
  registers: {},
  mbus: [],
  objects: [],
  checksum: "valid",
});
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

/** A store that fails while `down` is true, and records what it stored. */
function database() {
  const stored: number[] = [];
  const db = {
    down: false,
    stored,
    store: async (frames: DecodedFrame[]) => {
      if (db.down) throw new Error("connection refused");
      stored.push(...frames.map((f) => f.fields.energyImportKwh!));
    },
  };
  return db;
}

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe("ReadingQueue", () => {
  it("drops a frame PostgreSQL refuses as data (SQLSTATE 22…) with an error, and stores the rest instead of retrying for ever", async () => {
    const stored: number[] = [];
    const errors: string[] = [];
    const refused = Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05" });
    let down = true;
    const store = async (frames: DecodedFrame[]) => {
      if (down) throw new Error("connection refused");
      if (frames.some((f) => f.fields.energyImportKwh === 3)) throw refused;
      stored.push(...frames.map((f) => f.fields.energyImportKwh!));
    };
    const log = { ...quiet, error: (message: string) => void errors.push(message) };
    const queue = new ReadingQueue({ store, log, memoryLimit: 100, journalPath: null, backoff: { initialMs: 5, maxMs: 20 }, batchSize: 4 });
    for (let n = 1; n <= 6; n++) queue.push([frame(n)]);
    await new Promise((r) => setTimeout(r, 30));
    // Down: a connection error is retried, nothing dropped.
    expect(errors).toEqual([]);
    down = false;
    await until(() => queue.pending === 0);
    expect(stored).toEqual([1, 2, 4, 5, 6]);
    expect(errors).toEqual(["reading refused by the database: dropped"]);
  });

  it("keeps frames while the store fails, spills beyond its memory to the journal, and stores all in order", async () => {
    dir = await mkdtemp(join(tmpdir(), "vigie-queue-"));
    const journalPath = join(dir, "meter.jsonl");
    const db = database();
    const queue = new ReadingQueue({ store: db.store, log: quiet, memoryLimit: 5, journalPath, backoff: { initialMs: 5, maxMs: 20 }, batchSize: 3 });
    db.down = true;
    for (let n = 1; n <= 20; n++) queue.push([frame(n)]);
    const journalLines = () =>
      readFile(journalPath, "utf8").then(
        (t) => t.trim().split("\n").length,
        () => 0,
      );
    while ((await journalLines()) < 15) await new Promise((r) => setTimeout(r, 5));
    expect(queue.pending).toBe(20);
    expect(await journalLines()).toBe(15);
    db.down = false;
    await until(() => queue.pending === 0);
    expect(db.stored).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await queue.close();
    await expect(readFile(journalPath)).rejects.toThrow();
  });

  it("leaves what it could not store in the journal on close, and the next run stores it first", async () => {
    dir = await mkdtemp(join(tmpdir(), "vigie-queue-"));
    const journalPath = join(dir, "meter.jsonl");
    const db = database();
    db.down = true;
    const first = new ReadingQueue({ store: db.store, log: quiet, memoryLimit: 3, journalPath, backoff: { initialMs: 5, maxMs: 20 } });
    for (let n = 1; n <= 6; n++) first.push([frame(n)]);
    await first.close();
    const kept = (await readFile(journalPath, "utf8"))
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { fields: { energyImportKwh: number } }).fields.energyImportKwh);
    expect(kept).toEqual([1, 2, 3, 4, 5, 6]);

    db.down = false;
    const second = new ReadingQueue({ store: db.store, log: quiet, memoryLimit: 3, journalPath, backoff: { initialMs: 5, maxMs: 20 } });
    await second.open();
    second.push([frame(7)]);
    await until(() => second.pending === 0);
    expect(db.stored).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(db.stored.length).toBe(7);
    await second.close();
  });
});
