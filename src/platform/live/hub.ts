import { backoffDelay } from "../../lib/backoff";
import pg from "pg";
import type { Db } from "../db/client";
import { createLogger, type Logger } from "../logger";
import type { LiveEventRecord } from "./publish";

export const LIVE_CHANNEL = "vigie_live";

type Queryable = Pick<Db, "$queryRaw">;

export type LiveHubOptions = {
  /** Connection string for the one LISTEN connection this hub keeps. */
  listenUrl: string;
  /** Where events are read from, after a NOTIFY or for a replay. */
  db: Queryable;
  logger?: Logger;
  /** Events a slow subscriber may have waiting before it is cut off (it then resumes by replay). */
  maxBuffered?: number;
};

export class SubscriberOverflowError extends Error {
  constructor() {
    super("Live subscriber fell too far behind; reconnect with lastEventId to resume.");
  }
}

type Registry = { register(topic: string, sub: TopicSubscription): bigint; unregister(topic: string, sub: TopicSubscription): void };
type Backlog = (topic: string, after: bigint, upTo: bigint) => Promise<LiveEventRecord[]>;

/**
 * One subscriber: an async iterator fed by the hub's fan-out, after an optional replay of the
 * backlog. Written by hand rather than as an async generator: it costs one promise per event,
 * which matters with thousands of open streams.
 */
export class TopicSubscription implements AsyncIterableIterator<LiveEventRecord> {
  private queue: LiveEventRecord[] = [];
  private waiter: ((result: IteratorResult<LiveEventRecord>) => void) | null = null;
  private failWaiter: ((error: Error) => void) | null = null;
  private backlog: LiveEventRecord[] = [];
  private replaying: boolean;
  private registered = false;
  private upTo = 0n;
  private last: bigint;
  private failure: Error | null = null;
  closed = false;

  constructor(
    private readonly topic: string,
    private readonly registry: Registry,
    private readonly loadBacklog: Backlog,
    private readonly maxBuffered: number,
    lastEventId: bigint | null,
    private readonly ready: () => Promise<void>,
    signal?: AbortSignal,
  ) {
    this.replaying = lastEventId !== null;
    this.last = lastEventId ?? 0n;
    signal?.addEventListener("abort", () => this.close(), { once: true });
  }

  /** Registers with the hub; events after `upTo` arrive by push, the rest come from the backlog. */
  registerNow(): void {
    if (this.registered || this.closed) return;
    this.registered = true;
    this.upTo = this.registry.register(this.topic, this);
    if (!this.replaying) this.last = this.upTo;
  }

  push(event: LiveEventRecord): void {
    if (this.closed || event.id <= this.last) return;
    if (this.waiter && !this.replaying) {
      this.last = event.id;
      const wake = this.waiter;
      this.waiter = this.failWaiter = null;
      wake({ value: event, done: false });
      return;
    }
    if (this.queue.length >= this.maxBuffered) {
      this.failure = new SubscriberOverflowError();
      this.close();
      return;
    }
    this.queue.push(event);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.registered) this.registry.unregister(this.topic, this);
    const wake = this.waiter;
    const fail = this.failWaiter;
    this.waiter = this.failWaiter = null;
    if (this.failure && fail) fail(this.failure);
    else wake?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<LiveEventRecord>> {
    if (!this.registered && !this.closed)
      return this.ready().then(() => {
        this.registerNow();
        return this.next();
      });
    if (this.replaying) return this.nextFromBacklog();
    for (;;) {
      const event = this.queue.shift();
      if (!event) break;
      if (event.id <= this.last) continue;
      this.last = event.id;
      return Promise.resolve({ value: event, done: false });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiter = resolve;
      this.failWaiter = reject;
    });
  }

  private async nextFromBacklog(): Promise<IteratorResult<LiveEventRecord>> {
    if (this.backlog.length === 0 && !this.closed) {
      this.backlog = await this.loadBacklog(this.topic, this.last, this.upTo);
      if (this.backlog.length === 0) this.replaying = false;
    }
    const event = this.backlog.shift();
    if (this.closed) return { value: undefined, done: true };
    if (!event) return this.next();
    this.last = event.id;
    return { value: event, done: false };
  }

  return(): Promise<IteratorResult<LiveEventRecord>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/**
 * The web side of the live stream: one LISTEN connection per process, fanning events out to
 * subscribers by topic. Events are read from the table in id order, so what a subscriber receives
 * live and what it receives by replay (after `lastEventId`) join without gap or duplicate.
 */
export class LiveHub {
  private readonly log: Logger;
  private readonly maxBuffered: number;
  private readonly subscribers = new Map<string, Set<TopicSubscription>>();
  /** The LISTEN connection has been established once: subscriptions can register at once. */
  private ready = false;
  private listener: pg.Client | null = null;
  /** Every event with id ≤ cursor has been fanned out (or predates the hub). */
  private cursor = 0n;
  /** Highest id announced by NOTIFY (or found at connect); everything up to it is committed. */
  private announced = 0n;
  private draining = false;
  private started: Promise<void> | null = null;
  private stopped = false;
  private reconnectAttempts = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LiveHubOptions) {
    this.log = options.logger ?? createLogger("live-hub");
    this.maxBuffered = options.maxBuffered ?? 10_000;
  }

  start(): Promise<void> {
    this.started ??= this.connect(true).catch((err: Error) => {
      this.started = null; // the next subscriber tries again
      throw err;
    });
    return this.started;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  get connected(): boolean {
    return this.listener !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const set of [...this.subscribers.values()]) for (const sub of [...set]) sub.close();
    this.subscribers.clear();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
  }

  /**
   * Events of `topic` from now on; with `lastEventId`, first every stored event after it. Ends
   * when `signal` aborts or the hub stops; throws SubscriberOverflowError if the reader lags.
   * Once the hub is running, the subscription is registered before this returns.
   */
  subscribe(topic: string, options: { lastEventId?: bigint | null; signal?: AbortSignal } = {}): TopicSubscription {
    const subscription = new TopicSubscription(
      topic,
      { register: (t, sub) => this.register(t, sub), unregister: (t, sub) => this.unregister(t, sub) },
      (t, after, upTo) => this.backlog(t, after, upTo),
      this.maxBuffered,
      options.lastEventId ?? null,
      () => this.start(),
      options.signal,
    );
    if (this.stopped) subscription.close();
    else if (this.ready) subscription.registerNow();
    return subscription;
  }

  /** Stored events of a topic in (after, upTo], in id order, a page at a time. */
  private backlog(topic: string, after: bigint, upTo: bigint): Promise<LiveEventRecord[]> {
    return this.options.db.$queryRaw<LiveEventRecord[]>`
      SELECT "id", "topic", "type", "payload", "createdAt" FROM "LiveEvent"
      WHERE "topic" = ${topic} AND "id" > ${after} AND "id" <= ${upTo}
      ORDER BY "id" LIMIT 500`;
  }

  /** Adds a subscriber; returns the cursor: every later event will be pushed to it. */
  private register(topic: string, sub: TopicSubscription): bigint {
    let set = this.subscribers.get(topic);
    if (!set) {
      set = new Set();
      this.subscribers.set(topic, set);
    }
    set.add(sub);
    return this.cursor;
  }

  private unregister(topic: string, sub: TopicSubscription) {
    const set = this.subscribers.get(topic);
    set?.delete(sub);
    if (set?.size === 0) this.subscribers.delete(topic);
  }

  private async connect(first: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.listenUrl, application_name: "vigie-live-hub" });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    client.on("notification", (msg) => {
      if (msg.channel !== LIVE_CHANNEL || !msg.payload) return;
      const id = BigInt(msg.payload);
      if (id > this.announced) this.announced = id;
      this.drain();
    });
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    const { rows } = await client.query<{ max: string | null }>(`SELECT max("id")::text AS max FROM "LiveEvent"`);
    const max = BigInt(rows[0]?.max ?? "0");
    this.listener = client;
    this.reconnectAttempts = 0;
    if (first) {
      // A new hub starts at the head of the stream; history is for replays only.
      this.cursor = max;
      this.announced = max;
      this.ready = true;
    } else {
      // Whatever was published while disconnected is fanned out now.
      if (max > this.announced) this.announced = max;
      this.log.info("LISTEN connection restored", { catchUpTo: String(max) });
      this.drain();
    }
  }

  private lost(client: pg.Client, err: Error) {
    if (this.listener !== client && this.listener !== null) return;
    if (this.listener === client) this.listener = null;
    client.removeAllListeners("notification");
    client.end().catch(() => {});
    if (this.stopped || this.reconnectTimer) return;
    this.log.warn("LISTEN connection lost; reconnecting", { error: err.message });
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.reconnectTimer) return;
    const delay = backoffDelay(this.reconnectAttempts++, { initialMs: 250, maxMs: 5_000 });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect(false).catch((err: Error) => {
        this.log.warn("LISTEN reconnect failed", { error: err.message });
        if (!this.stopped) this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref?.();
  }

  /** Reads and fans out every announced event not yet delivered; one read at a time. */
  private drain() {
    if (this.draining) return;
    // Set before the loop starts: when there is nothing to read it finishes synchronously.
    this.draining = true;
    void (async () => {
      try {
        while (this.cursor < this.announced && !this.stopped) {
          const listener = this.listener;
          if (!listener) return; // reconnecting: connect() drains again
          const upper = this.announced;
          // Read on the LISTEN connection itself: no pool round trip on the hot path.
          const { rows } = await listener.query<{ id: string; topic: string; type: string; payload: unknown; createdAt: Date }>(
            // Ordered by the bigint column, not by the text alias of the same name.
            `SELECT e."id"::text AS id, e."topic", e."type", e."payload", e."createdAt" FROM "LiveEvent" e
             WHERE e."id" > $1 AND e."id" <= $2 ORDER BY e."id" LIMIT 2000`,
            [String(this.cursor), String(upper)],
          );
          for (const row of rows) {
            const set = this.subscribers.get(row.topic);
            if (!set) continue;
            // One frozen record per event, shared by every subscriber of its topic.
            const event: LiveEventRecord = Object.freeze({ ...row, id: BigInt(row.id) });
            for (const sub of set) sub.push(event);
          }
          this.cursor = rows.length === 2000 ? BigInt(rows[rows.length - 1]!.id) : upper;
        }
      } catch (err) {
        this.log.warn("reading live events failed; retrying", { error: (err as Error).message });
        setTimeout(() => this.drain(), 1_000).unref?.();
      } finally {
        this.draining = false;
      }
    })();
  }
}
