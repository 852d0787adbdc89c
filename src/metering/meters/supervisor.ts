import { backoffDelay } from "../../lib/backoff";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../../platform/db/client";
import type { Meter } from "../../generated/prisma/client";
import { raiseAlert } from "../../platform/alerts/alerts";
import { enqueueJob } from "../../platform/jobs/enqueue";
import type { Logger } from "../../platform/logger";
import { getSetting } from "../../platform/settings/settings";
import type { MeterIngestor } from "../ingest";
import { createStreamDecoder, meterStreamProtocol } from "../stream-decoder";
import { PushListener } from "../links/push-listener";
import { energySettings } from "../settings";
import { meterDecoding, openMeterLink } from "./meter-link";
import type { MeterOwnership } from "./ownership";
import { ReadingQueue } from "../links/reading-queue";
import type { DecodedFrame } from "../reading";

export const POLL_TASK = "meter_poll" as const;
export const pollJobKey = (meterId: string) => `meter_poll:${meterId}`;

const isPush = (m: Meter) => m.protocol !== "IEC62056_21";
const hasLink = (m: Meter) => m.transport === "SERIAL" || m.transport === "SIMULATED";
/** What, when changed, needs the link reopened. */
const linkFingerprint = (m: Meter) =>
  JSON.stringify([
    m.protocol,
    m.transport,
    m.portPath,
    m.baudRate,
    m.dataBits,
    m.parity,
    m.stopBits,
    m.dlmsLink,
    m.dlmsProfile,
    m.encryptionKey,
    m.authenticationKey,
    m.refuseUnauthenticated,
    m.pollIntervalSeconds,
    m.simulator,
  ]);

/**
 * Keeps the worker's meter links in line with the database: a push listener per enabled push
 * meter, a queued poll job per enabled polled meter. `sync()` runs at start, when a meter changes
 * (the meters_sync job) and every 30 s as a safety net, so no change needs a worker restart.
 */
export class MeterSupervisor {
  private readonly listeners = new Map<string, { listener: PushListener; fingerprint: string }>();

  constructor(
    private readonly db: Db,
    private readonly ingestor: MeterIngestor,
    private readonly log: Logger,
    /** Frames kept in memory per meter while the database is away, and where the rest is journaled (null: nowhere). */
    private readonly queue: { memoryLimit: number; journalDir: string | null } = { memoryLimit: 1_000, journalDir: null },
    /** With several workers: which meters this one may read (null: all, a single worker). */
    private readonly ownership: MeterOwnership | null = null,
  ) {
    ownership?.onLost(() => void this.retakeLinks());
  }

  private retaking = false;
  private stopped = false;

  /**
   * The ownership connection dropped (PostgreSQL restarted): the locks are gone, but the links keep
   * reading, their frames queued, since no other worker can take a meter while the database is
   * away. As soon as it answers, each running link's lock is taken again; a link whose meter
   * another worker took in between stops (a reading both stored is kept once: readings are unique
   * per meter and time).
   */
  private async retakeLinks(): Promise<void> {
    if (this.retaking || !this.ownership) return;
    this.retaking = true;
    try {
      for (let attempt = 0; !this.stopped; attempt++) {
        try {
          for (const [id, { listener }] of [...this.listeners]) {
            if (!(await this.ownership.tryAcquire(id))) {
              this.log.warn("meter link stopped: another worker took this meter while the database was away", { meterId: id });
              await this.stopListener(id, listener);
            }
          }
          return;
        } catch {
          await new Promise((r) => setTimeout(r, backoffDelay(attempt, { initialMs: 250, maxMs: 5_000 })));
        }
      }
    } finally {
      this.retaking = false;
    }
  }

  get running() {
    return [...this.listeners.keys()];
  }

  /** Frames decoded by the running links and not yet stored (waiting for the database). */
  get backlog(): number {
    return [...this.listeners.values()].reduce((n, l) => n + l.listener.backlog, 0);
  }

  /** Frames decoded by this supervisor's links, stopped ones included. */
  get framesReceived(): number {
    return [...this.listeners.values()].reduce((n, l) => n + l.listener.framesReceived, this.receivedByStopped);
  }

  private receivedByStopped = 0;

  private async stopListener(id: string, listener: PushListener) {
    this.listeners.delete(id);
    await listener.stop();
    this.receivedByStopped += listener.framesReceived;
    await this.ownership?.release(id);
  }

  /** Stores frames for a meter; the status the ingestor compares against (OFFLINE → back online) is the stored one. */
  private async store(meterId: string, frames: DecodedFrame[]) {
    const current = await this.db.meter.findUnique({ where: { id: meterId } });
    if (current) await this.ingestor.ingest(current, frames, current.transport === "SIMULATED" ? "simulator" : "push");
  }

  /**
   * Stores the journals an earlier run of this worker left for meters it no longer reads (another
   * worker took them over while it was down): the frames are this site's readings all the same.
   */
  async replayJournals(): Promise<void> {
    const dir = this.queue.journalDir;
    if (!dir) return;
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files) {
      const meterId = /^meter-(.+)\.jsonl$/.exec(file)?.[1];
      if (!meterId || this.listeners.has(meterId)) continue;
      // A worker sharing this data folder may be reading that meter and writing its journal.
      if (this.ownership && !(await this.ownership.tryAcquire(meterId))) continue;
      const queue = new ReadingQueue({
        store: (frames) => this.store(meterId, frames),
        log: this.log,
        memoryLimit: this.queue.memoryLimit,
        journalPath: join(dir, file),
      });
      await queue.open();
      await queue.close();
      await this.ownership?.release(meterId);
    }
  }

  listenerFor(meterId: string): PushListener | null {
    return this.listeners.get(meterId)?.listener ?? null;
  }

  async sync(): Promise<void> {
    const meters = await this.db.meter.findMany({ where: { enabled: true } });
    const wanted = new Map(meters.filter((m) => isPush(m) && hasLink(m)).map((m) => [m.id, m]));
    for (const [id, running] of this.listeners) {
      const meter = wanted.get(id);
      if (!meter || linkFingerprint(meter) !== running.fingerprint) {
        await this.stopListener(id, running.listener);
        this.log.info("meter link stopped", { meterId: id });
      }
    }
    const stallIntervals = await getSetting(this.db, energySettings.offlineIntervals);
    for (const meter of wanted.values()) {
      if (this.listeners.has(meter.id)) continue;
      // Another worker reads it: it stays there until that worker stops or dies.
      if (this.ownership && !(await this.ownership.tryAcquire(meter.id))) continue;
      try {
        this.listeners.set(meter.id, { listener: this.listen(meter, stallIntervals), fingerprint: linkFingerprint(meter) });
        this.log.info("meter link started", { meterId: meter.id, name: meter.name, transport: meter.transport });
      } catch (err) {
        await this.db.meter.update({ where: { id: meter.id }, data: { status: "ERROR", lastError: (err as Error).message } });
      }
    }
    for (const meter of meters.filter((m) => !isPush(m) && hasLink(m))) {
      await enqueueJob(this.db, POLL_TASK, { meterId: meter.id }, { jobKey: pollJobKey(meter.id), jobKeyMode: "preserve_run_at" });
    }
  }

  private listen(meter: Meter, stallIntervals: number): PushListener {
    const log = {
      ...this.log,
      warn: (m: string, c?: Record<string, unknown>) => this.log.warn(m, { meterId: meter.id, ...c }),
      error: (m: string, c?: Record<string, unknown>) => this.log.error(m, { meterId: meter.id, ...c }),
    };
    const listener = new PushListener({
      openLink: () => openMeterLink(meter),
      decoder: () => createStreamDecoder(meterStreamProtocol(meter), meterDecoding(meter)),
      expectedIntervalMs: meter.pollIntervalSeconds * 1000,
      queue: { memoryLimit: this.queue.memoryLimit, journalPath: this.queue.journalDir ? join(this.queue.journalDir, `meter-${meter.id}.jsonl`) : null },
      stallIntervals,
      log,
      sink: {
        frames: (frames) => this.store(meter.id, frames),
        refused: (error) => this.ingestor.refused(meter, error),
        seen: (result, receivedAt) => this.ingestor.seen(meter.id, result, receivedAt),
        stalled: async (silentMs) => {
          await raiseAlert(this.db, {
            sourceKind: "METER",
            sourceId: meter.id,
            type: "link_stalled",
            severity: "WARNING",
            category: "meter",
            params: { meter: meter.name, silentSeconds: Math.round(silentMs / 1000), port: meter.portPath ?? meter.transport },
            measuredValue: Math.round(silentMs / 1000),
            unit: "s",
            threshold: stallIntervals * meter.pollIntervalSeconds,
            dedupKey: `meter:${meter.id}:link_stalled`,
            cooldownSeconds: 1800,
          });
        },
      },
    });
    listener.start();
    return listener;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.listeners].map(([id, l]) => this.stopListener(id, l.listener)));
    await this.ownership?.close();
  }
}
