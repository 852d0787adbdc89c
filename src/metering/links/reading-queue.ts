import { createReadStream } from "node:fs";
import { appendFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { backoffDelay } from "../../lib/backoff";
import { postgresErrorCode } from "../../platform/db/pg-error";
import type { Logger } from "../../platform/logger";
import type { DecodedFrame } from "../reading";

export type ReadingQueueOptions = {
  /**
   * Stores a batch; throws when it could not (database down): the batch is kept and retried. A
   * frame PostgreSQL refuses as data (SQLSTATE class 22) is dropped with an error, not retried.
   */
  store: (frames: DecodedFrame[]) => Promise<void>;
  log: Logger;
  /** Frames held in memory; beyond, they go to the journal. */
  memoryLimit: number;
  /** Append-only file for what does not fit in memory (null: no journal, the oldest are dropped). */
  journalPath: string | null;
  backoff?: { initialMs: number; maxMs: number };
  /** Frames stored per call. */
  batchSize?: number;
};

/** What a frame needs to be stored again: the decoded values and their times, not the raw objects. */
type JournalRecord = Pick<DecodedFrame, "protocol" | "meterId" | "fields" | "registers" | "mbus" | "checksum" | "frameCounter"> & {
  timestamp: string | null;
  receivedAt: string | null;
};

const toRecord = (f: DecodedFrame): JournalRecord => ({
  protocol: f.protocol,
  meterId: f.meterId,
  fields: f.fields,
  registers: f.registers,
  mbus: f.mbus,
  checksum: f.checksum,
  frameCounter: f.frameCounter,
  timestamp: f.timestamp?.toISOString() ?? null,
  receivedAt: f.receivedAt?.toISOString() ?? null,
});

function fromRecord(r: JournalRecord): DecodedFrame {
  const mbus = r.mbus.map((m) => ({ ...m, timestamp: m.timestamp ? new Date(m.timestamp) : null }));
  return { ...r, mbus, objects: [], timestamp: r.timestamp ? new Date(r.timestamp) : null, receivedAt: r.receivedAt ? new Date(r.receivedAt) : undefined };
}

/** PostgreSQL refused the values themselves (SQLSTATE class 22, data exception): storing them again cannot succeed. */
const refusedAsData = (err: unknown) => postgresErrorCode(err)?.startsWith("22") ?? false;

/**
 * A meter's decoded frames on their way to the database, in order, none lost: a bounded queue in
 * memory, spilled beyond its bound to an append-only journal (one JSON line per frame), stored in
 * batches and retried with backoff while PostgreSQL is away. The journal is replayed before
 * anything newer, also after a restart; a frame stored twice is harmless (readings are unique on
 * meter and time), a frame lost is not.
 */
export class ReadingQueue {
  private memory: DecodedFrame[] = [];
  /** Frames in the journal not yet stored, counted from its head. */
  private journalCount = 0;
  private journalRead = 0;
  private running: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private spilling: Promise<void> = Promise.resolve();

  constructor(private readonly o: ReadingQueueOptions) {}

  /** Picks up a journal left by an earlier run, so that it is stored first. */
  async open(): Promise<void> {
    if (!this.o.journalPath) return;
    const size = await stat(this.o.journalPath).then(
      (s) => s.size,
      () => 0,
    );
    if (!size) return;
    this.journalCount = await countLines(this.o.journalPath);
    this.o.log.info("replaying the readings journal left by an earlier run", { frames: this.journalCount });
    this.kick();
  }

  get pending(): number {
    return this.memory.length + this.journalCount - this.journalRead;
  }

  push(frames: DecodedFrame[]): void {
    if (!frames.length || this.closed) return;
    // Once frames are in the journal, newer ones follow them there: order is kept.
    if (this.journalCount > this.journalRead || this.memory.length + frames.length > this.o.memoryLimit) this.spill(frames);
    else this.memory.push(...frames);
    this.kick();
  }

  private spill(frames: DecodedFrame[]) {
    if (!this.o.journalPath) {
      const overflow = this.memory.length + frames.length - this.o.memoryLimit;
      this.o.log.error("readings dropped: the queue is full and no journal is configured", { frames: overflow });
      this.memory.push(...frames);
      this.memory.splice(0, overflow);
      return;
    }
    const path = this.o.journalPath;
    const lines = frames.map((f) => `${JSON.stringify(toRecord(f))}\n`).join("");
    this.journalCount += frames.length;
    this.spilling = this.spilling.then(async () => {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, lines);
    });
  }

  private kick() {
    if (this.running || this.retry || this.closed) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.pending && !this.retry && !this.closed) this.kick();
    });
  }

  private async drain(): Promise<void> {
    const size = this.o.batchSize ?? 500;
    while (this.pending && !this.closed) {
      const fromMemory = this.memory.length > 0;
      const batch = fromMemory ? this.memory.slice(0, size) : await this.readJournal(size);
      const failure = await this.store(batch);
      if (failure) {
        const wait = backoffDelay(this.failures++, this.o.backoff ?? { initialMs: 500, maxMs: 30_000 });
        this.o.log.warn("readings not stored yet: kept, retrying", { error: failure.message, pending: this.pending, retryInMs: wait });
        this.retry = setTimeout(() => {
          this.retry = null;
          this.kick();
        }, wait);
        this.retry.unref();
        return;
      }
      if (this.failures) this.o.log.info("readings stored again after an outage", { pending: this.pending });
      this.failures = 0;
      if (fromMemory) this.memory.splice(0, batch.length);
      else await this.consumedJournal(batch.length);
    }
  }

  /**
   * Stores a batch; returns why it could not (then the whole batch is retried; what was stored
   * counts once). One frame the database refuses as data would otherwise block every later one for
   * good: then the batch is stored frame by frame and what is refused is dropped, with an error.
   */
  private async store(batch: DecodedFrame[]): Promise<Error | null> {
    try {
      await this.o.store(batch);
      return null;
    } catch (err) {
      if (!refusedAsData(err)) return err as Error;
    }
    for (const frame of batch) {
      try {
        await this.o.store([frame]);
      } catch (err) {
        if (!refusedAsData(err)) return err as Error;
        this.o.log.error("reading refused by the database: dropped", { error: (err as Error).message, at: frame.timestamp ?? frame.receivedAt ?? null });
      }
    }
    return null;
  }

  private async readJournal(limit: number): Promise<DecodedFrame[]> {
    await this.spilling;
    const frames: DecodedFrame[] = [];
    let index = 0;
    const lines = createInterface({ input: createReadStream(this.o.journalPath!), crlfDelay: Infinity });
    for await (const line of lines) {
      if (index++ < this.journalRead) continue;
      if (frames.length >= limit) break;
      try {
        if (line) frames.push(fromRecord(JSON.parse(line) as JournalRecord));
        else this.journalRead++;
      } catch {
        // A line cut by a crash while it was written: nothing to store, skip it.
        this.o.log.warn("unreadable line in the readings journal skipped", { line: index });
        this.journalRead++;
      }
    }
    lines.close();
    return frames;
  }

  private async consumedJournal(frames: number) {
    this.journalRead += frames;
    if (this.journalRead < this.journalCount) return;
    await this.spilling;
    if (this.journalRead < this.journalCount) return;
    await rm(this.o.journalPath!, { force: true });
    this.journalRead = 0;
    this.journalCount = 0;
  }

  /**
   * Stores what is queued while the database answers (call it once no more frames come); what it
   * cannot store is kept in the journal, in order (the frames in memory are older than the
   * journal's), for the next run.
   */
  async close(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.failures = 0;
    // One last pass: it stops at the first failure (which would schedule a retry).
    this.kick();
    while (this.running) await this.running;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.closed = true;
    await this.spilling;
    if (!this.memory.length || !this.o.journalPath) return;
    const older = this.memory.map((f) => `${JSON.stringify(toRecord(f))}\n`).join("");
    const newer =
      this.journalCount > this.journalRead ? (await this.readJournal(Number.MAX_SAFE_INTEGER)).map((f) => `${JSON.stringify(toRecord(f))}\n`).join("") : "";
    this.memory = [];
    await mkdir(dirname(this.o.journalPath), { recursive: true });
    await writeFile(`${this.o.journalPath}.tmp`, older + newer);
    await rename(`${this.o.journalPath}.tmp`, this.o.journalPath);
  }
}

async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line) count++;
  return count;
}
