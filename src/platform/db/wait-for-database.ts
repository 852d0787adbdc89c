import { backoffDelay } from "../../lib/backoff";
import { env } from "../env";
import pg from "pg";
import type { Logger } from "../logger";

export class DatabaseUnreachableError extends Error {
  constructor(where: string, reason: string, seconds: number) {
    super(`PostgreSQL at ${where} did not answer within ${seconds} s (${reason}). Check that it is running and that DATABASE_URL is right.`);
    this.name = "DatabaseUnreachableError";
  }
}

/** host:port/database of a URL, without the password, for messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
  return e.code ?? e.errors?.[0]?.code ?? e.message ?? String(err);
}

/**
 * Waits until PostgreSQL accepts a connection, saying clearly what it waits for. Throws
 * DatabaseUnreachableError after `timeoutSeconds`.
 */
export async function waitForDatabase(url: string, log: Logger, timeoutSeconds = env().VIGIE_DB_WAIT_SECONDS) {
  const where = describeDatabaseUrl(url);
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
      if (attempt > 1) log.info(`PostgreSQL at ${where} is answering`);
      return;
    } catch (err) {
      const reason = reasonOf(err);
      const delay = backoffDelay(attempt - 1, { initialMs: 500, maxMs: 5_000 });
      if (Date.now() + delay > deadline) throw new DatabaseUnreachableError(where, reason, timeoutSeconds);
      log.warn(`PostgreSQL at ${where} is not reachable (${reason}); retrying in ${(delay / 1000).toFixed(1)} s`, { attempt });
      await new Promise((r) => setTimeout(r, delay));
    } finally {
      await client.end().catch(() => {});
    }
  }
}
