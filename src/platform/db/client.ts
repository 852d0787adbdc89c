import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client";
import { env } from "../env";

export type Db = PrismaClient;

/** Where a client keeps its pool (a symbol property, so that proxies in front of the client forward it). */
const POOL = Symbol.for("vigie.db.pool");

export type PoolOptions = {
  /** Connections in this process's pool (VIGIE_DB_POOL_MAX overrides the caller's default). */
  max?: number;
  /** How long a query may wait for a free connection before failing (ms). */
  connectionTimeoutMillis?: number;
};

/**
 * A Prisma client on its own pg pool. Pool errors (PostgreSQL restarted, connection cut) are
 * logged and the broken connection dropped; the next query opens a fresh one, so the process
 * lives on. The pool is also what `withSqlTransaction` borrows connections from.
 */
export function createDb(databaseUrl: string, options: PoolOptions = {}): Db {
  const { VIGIE_DB_POOL_MAX, VIGIE_DB_CONNECT_TIMEOUT_MS } = env();
  const max = VIGIE_DB_POOL_MAX ?? options.max ?? 10;
  const connectionTimeoutMillis = VIGIE_DB_CONNECT_TIMEOUT_MS ?? options.connectionTimeoutMillis ?? 30_000;
  // Prisma's DateTime columns are `timestamp` holding UTC, and raw SQL casts timestamptz values into
  // them through the session's zone: pinned to UTC, a server set to Europe/Paris shifts nothing.
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis, options: "-c TimeZone=UTC" });
  pool.on("error", (err) => console.warn(`[db] pool connection lost: ${err.message}`));
  keepClientErrors(pool);
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  Object.defineProperty(db, POOL, { value: pool });
  return db;
}

/** The pg pool behind a client made by createDb. */
export function poolOf(db: Db): pg.Pool {
  const pool = (db as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) throw new Error("this database client was not made by createDb");
  return pool;
}

/**
 * A connection cut while it is lent out but between two statements (PostgreSQL restarted or the
 * database dropped) emits 'error' with nobody listening: the process would die of it. Listened to
 * for the connection's whole life, the error is left to the statement that next uses it, which
 * fails and hands the broken connection back to be discarded.
 */
export function keepClientErrors(pool: pg.Pool): void {
  pool.on("connect", (client) => client.on("error", () => {}));
}
