import { backoffDelay } from "../../lib/backoff";
import type { Logger } from "../../platform/logger";
import type { MeterDecodeError } from "../errors";
import type { DecodedFrame } from "../reading";
import type { ByteLink } from "./byte-link";
import { ReadingQueue } from "./reading-queue";
import type { DecodeResult, StreamDecoder } from "../stream-decoder";

export type PushSink = {
  /** Frames decoded since the previous call, in order; called again only when it returns. Throws to have them kept and retried. */
  frames(frames: DecodedFrame[]): Promise<void>;
  refused(error: MeterDecodeError): Promise<void>;
  /** The link went silent for too long: it is being reopened. */
  stalled(silentMs: number): Promise<void>;
  /** Every frame as received, decoded or refused, for the meter page; best effort, never retried. */
  seen?(result: DecodeResult, receivedAt: Date): Promise<void>;
};

export type PushListenerOptions = {
  openLink: () => ByteLink;
  decoder: () => StreamDecoder;
  sink: PushSink;
  log: Logger;
  expectedIntervalMs: number;
  /** Silence of this many expected intervals is a stall. */
  stallIntervals: number;
  backoff?: { initialMs: number; maxMs: number };
  /** Where decoded frames wait for the database: memory bound and journal file (see ReadingQueue). */
  queue: { memoryLimit: number; journalPath: string | null };
};

/**
 * A push meter's long-lived link: opens it, feeds its bytes to the decoder, queues the frames for
 * the sink (a ReadingQueue: stored in order, kept and retried while the database is away),
 * reopens with exponential backoff when the link fails, and reopens it when it stays silent for
 * too long (watchdog).
 */
export class PushListener {
  private link: ByteLink | null = null;
  private stopped = false;
  private readonly queue: ReadingQueue;
  private watchdog: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** Failed opens since the last frame: the next retry waits longer (with jitter). */
  private failures = 0;
  /** Why the link could not be opened the last time it was tried, until it opens again. */
  openError: string | null = null;
  private lastFrameAt = Date.now();
  private generation = 0;
  private frameWaiters: ((frame: DecodedFrame) => void)[] = [];
  framesReceived = 0;

  constructor(private readonly o: PushListenerOptions) {
    this.queue = new ReadingQueue({ store: (frames) => o.sink.frames(frames), log: o.log, ...o.queue });
  }

  start() {
    void this.queue
      .open()
      .catch((err: Error) => this.o.log.error("readings journal unreadable", { error: err.message }))
      .then(() => this.connect());
  }

  private showing = false;

  /** Frames decoded and not yet stored. */
  get backlog(): number {
    return this.queue.pending;
  }

  private async connect() {
    if (this.stopped) return;
    const generation = ++this.generation;
    const link = this.o.openLink();
    try {
      await link.open();
    } catch (err) {
      return this.scheduleReconnect((err as Error).message);
    }
    if (this.stopped || generation !== this.generation) return void link.close();
    this.link = link;
    this.openError = null;
    const decoder = this.o.decoder();
    this.lastFrameAt = Date.now();
    link.onData((chunk) => {
      const receivedAt = new Date();
      const frames: DecodedFrame[] = [];
      for (const result of decoder.push(chunk)) {
        this.show(result, receivedAt);
        if ("frame" in result) {
          this.lastFrameAt = Date.now();
          this.failures = 0;
          this.framesReceived++;
          result.frame.receivedAt = receivedAt;
          frames.push(result.frame);
          for (const waiter of this.frameWaiters.splice(0)) waiter(result.frame);
        } else void this.o.sink.refused(result.error).catch((err: Error) => this.o.log.warn("refused frame not recorded", { error: err.message }));
      }
      this.queue.push(frames);
    });
    link.onClose((error) => {
      if (this.stopped || generation !== this.generation) return;
      this.o.log.warn("meter link closed", { error: error?.message });
      this.link = null;
      this.scheduleReconnect();
    });
    this.armWatchdog();
  }

  /**
   * Announces a frame for the meter page, one at a time: while one is being written the next are
   * not shown (a database away must not pile up writes in front of the readings' own).
   */
  private show(result: DecodeResult, receivedAt: Date) {
    if (!this.o.sink.seen || this.showing) return;
    this.showing = true;
    this.o.sink
      .seen(result, receivedAt)
      .catch((err: Error) => this.o.log.debug("frame not shown", { error: err.message }))
      .finally(() => (this.showing = false));
  }

  private armWatchdog() {
    if (this.watchdog) clearInterval(this.watchdog);
    const limit = this.o.expectedIntervalMs * this.o.stallIntervals;
    this.watchdog = setInterval(
      () => {
        const silent = Date.now() - this.lastFrameAt;
        if (silent < limit || !this.link) return;
        this.o.log.warn("meter link silent: reopening it", { silentMs: silent });
        void this.o.sink.stalled(silent).catch((err: Error) => this.o.log.warn("silent link not recorded", { error: err.message }));
        void this.reopen();
      },
      Math.min(limit, 5_000),
    );
    this.watchdog.unref();
  }

  private async reopen() {
    const link = this.link;
    this.link = null;
    this.generation++;
    await link?.close().catch(() => {});
    void this.connect();
  }

  private scheduleReconnect(error?: string) {
    if (this.stopped) return;
    const delay = backoffDelay(this.failures++, this.o.backoff ?? { initialMs: 1_000, maxMs: 60_000 });
    if (error) {
      this.openError = error;
      this.o.log.warn("meter link failed to open", { error, retryInMs: delay });
    }
    this.retry = setTimeout(() => void this.connect(), delay);
  }

  /** The next frame this link decodes, or null after `timeoutMs` ("Tester la connexion"). */
  waitForFrame(timeoutMs: number): Promise<DecodedFrame | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.frameWaiters = this.frameWaiters.filter((w) => w !== waiter);
        resolve(null);
      }, timeoutMs);
      const waiter = (frame: DecodedFrame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      this.frameWaiters.push(waiter);
    });
  }

  async stop() {
    this.stopped = true;
    this.generation++;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.retry) clearTimeout(this.retry);
    await this.link?.close().catch(() => {});
    this.link = null;
    await this.queue.close();
  }
}
