import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Prisma } from "../../generated/prisma/client";
import { poolOf, type Db } from "./client";

/** What raw-SQL helpers need: a Prisma client, a Prisma transaction or a SqlTransaction. */
export interface RawQueryable {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
}

const INT8 = 20;
const TIMESTAMP = 1114;
const withZone = pg.types.getTypeParser(1184);

/**
 * Timestamps and big integers come back as Prisma's raw queries return them (Date, bigint). A
 * `timestamp` column (Prisma's DateTime) holds UTC: pg would read it in the process's zone.
 */
const parsers: Record<number, (text: string) => unknown> = { [INT8]: BigInt, [TIMESTAMP]: (text) => withZone(`${text}+00`) };
const types = {
  getTypeParser: ((oid: number, format?: string) => parsers[oid] ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/**
 * The raw-query surface of a Prisma client ($queryRaw, $executeRaw, their Unsafe forms) on one pg
 * connection, so that code written against it (publishWithin, enqueueJob, raiseAlertWithin) runs
 * the same inside a Prisma transaction or this one.
 */
export class SqlTransaction {
  constructor(readonly client: pg.PoolClient) {}

  async $queryRaw<T = unknown>(strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    const sql = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...values);
    return (await this.client.query({ text: sql.text, values: sql.values, types })).rows as T;
  }

  async $executeRaw(strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    const sql = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...values);
    return (await this.client.query({ text: sql.text, values: sql.values, types })).rowCount ?? 0;
  }

  async $queryRawUnsafe<T = unknown>(text: string, ...values: unknown[]): Promise<T> {
    return (await this.client.query({ text, values, types })).rows as T;
  }

  async $executeRawUnsafe(text: string, ...values: unknown[]): Promise<number> {
    return (await this.client.query({ text, values, types })).rowCount ?? 0;
  }

  /** Runs `COPY … FROM STDIN` with `data` as its whole input; resolves to the rows copied. */
  async copyFrom(statement: string, data: Buffer): Promise<number> {
    const stream = this.client.query(copyFrom(statement));
    stream.end(data);
    await finished(stream);
    return stream.rowCount;
  }
}

/**
 * A transaction on a connection of the client's pool, with no client-side timer: under load it
 * waits for a connection and for PostgreSQL, where Prisma's interactive transactions expire after
 * 5 s and fail (P2028). For the hot paths (readings, alerts, pings, campaign launches), whose
 * bodies are SQL. Rolled back when `fn` throws.
 */
export async function withSqlTransaction<T>(db: Db, fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await poolOf(db).connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(new SqlTransaction(client));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw err;
  } finally {
    // A connection that could not roll back is not given to anyone else.
    client.release(broken);
  }
}
