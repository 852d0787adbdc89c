import pg from "pg";
import type { Logger } from "../../platform/logger";

/** The advisory-lock space of meter links ("VG"), apart from every other lock of the database. */
const LOCK_SPACE = 0x5647;

/**
 * Which meters this worker reads: one PostgreSQL session advisory lock per meter, held on a
 * connection of its own. Two workers never read the same meter or open the same port, and when a
 * worker dies its connection closes, PostgreSQL releases its locks and another worker's next sync
 * takes its meters over. When the connection is lost (PostgreSQL restarted), every lock is gone:
 * `onLost` runs so that the owner takes them again (or stops the links another worker took).
 */
export class MeterOwnership {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<string>();
  private lostHandlers: (() => void)[] = [];

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  onLost(handler: () => void): void {
    this.lostHandlers.push(handler);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.databaseUrl, application_name: "vigie meter links" });
      const lost = (err?: Error) => {
        if (this.client !== client) return;
        this.client = null;
        this.held.clear();
        this.log.warn("meter ownership connection lost: the links go on and their locks are taken again when it is back", { error: err?.message });
        for (const handler of this.lostHandlers) handler();
      };
      client.on("error", lost);
      client.on("end", () => lost());
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  owns(meterId: string): boolean {
    return this.held.has(meterId);
  }

  /** Takes the meter if no other worker holds it. */
  async tryAcquire(meterId: string): Promise<boolean> {
    if (this.held.has(meterId)) return true;
    const client = await this.connection();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_SPACE, meterId]);
    if (rows[0]?.ok) this.held.add(meterId);
    return Boolean(rows[0]?.ok);
  }

  async release(meterId: string): Promise<void> {
    if (!this.held.delete(meterId) || !this.client) return;
    await this.client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_SPACE, meterId]).catch(() => {});
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held.clear();
    await client?.end().catch(() => {});
  }
}
