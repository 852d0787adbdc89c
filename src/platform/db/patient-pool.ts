import { backoffDelay } from "../../lib/backoff";
import pg from "pg";
import { postgresErrorCode } from "./pg-error";
import { keepClientErrors } from "./client";
import type { Logger } from "../logger";

/** Errors that mean "PostgreSQL is away for now" (stopped, restarting, refusing connections), not "this query is wrong". */
const AWAY = new Set(["P1001", "P1008", "P1017", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "EAI_AGAIN", "57P01", "57P02", "57P03", "53300"]);

/** Whether `err` (from pg or Prisma) says PostgreSQL cannot be reached right now. */
export const isDatabaseAway = (err: unknown): boolean =>
  err != null &&
  (AWAY.has((err as { code?: string }).code ?? "") ||
    AWAY.has(postgresErrorCode(err) ?? "") ||
    /Connection terminated|Server has closed the connection|terminating connection due to administrator command|not queryable|Code: `57P0[123]`|timeout exceeded when trying to connect|Can't reach database server|ECONNREFUSED|the database system is (shutting down|starting up)/.test(
      (err as Error).message ?? "",
    ));

/**
 * A pg pool that waits for PostgreSQL to come back instead of failing. It is the job queue's pool:
 * graphile-worker marks a job done or failed without retrying a refused or cut connection, and a
 * rejected release there crashes the worker during a database restart. Waiting keeps the job's
 * outcome, written once the database answers again.
 */
export function createPatientPool(config: pg.PoolConfig, log: Logger, maxDelayMs = 5_000): pg.Pool {
  const pool = new pg.Pool(config);
  keepClientErrors(pool);
  const connect: pg.Pool["connect"] = pool.connect.bind(pool);
  const patientConnect = async (): Promise<pg.PoolClient> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const client = await connect();
        if (attempt > 0) log.info("job queue database reachable again", { afterAttempts: attempt });
        return client;
      } catch (err) {
        if (!isDatabaseAway(err) || pool.ended) throw err;
        if (attempt === 0) log.warn("job queue database unreachable; waiting for it", { error: (err as Error).message });
        await new Promise((r) => setTimeout(r, backoffDelay(attempt, { initialMs: 100, maxMs: maxDelayMs })));
      }
    }
  };
  // Callback-style connects (pool.query uses them) keep pg's own behaviour.
  pool.connect = ((callback?: Parameters<pg.Pool["connect"]>[0]) => (callback ? connect(callback) : patientConnect())) as pg.Pool["connect"];
  // A statement cut by the restart (57P01 on a connection already held) is run again on a fresh
  // connection once the database is back. graphile-worker's job statements are single,
  // transaction-less and keyed by its lock, so running one again is safe; LISTEN is not re-run
  // elsewhere (it belongs to its connection, which graphile-worker re-opens itself).
  pool.on("error", (err) => log.warn("job queue connection lost", { error: err.message }));
  pool.on("connect", (client) => {
    client.on("error", (err) => log.warn("job queue client error", { error: err.message }));
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const result = query(...args);
      if (!(result instanceof Promise) || /^\s*(UN)?LISTEN\b/i.test(statementText(args[0]))) return result;
      return result.catch(async (err: unknown) => {
        if (!isDatabaseAway(err) || pool.ended) throw err;
        const fresh = await patientConnect();
        try {
          return await fresh.query(...(args as [string]));
        } finally {
          fresh.release();
        }
      });
    }) as typeof client.query;
  });
  return pool;
}

const statementText = (query: unknown) =>
  typeof query === "string" ? query : typeof (query as { text?: unknown })?.text === "string" ? (query as { text: string }).text : "";
