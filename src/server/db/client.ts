import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";

export type Db = PrismaClient;

/**
 * A Prisma client on its own pool. Pool errors (PostgreSQL restarted, connection cut) are logged
 * and the broken connection dropped; the next query opens a fresh one, so the process lives on.
 */
export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: options.max ?? 10, connectionTimeoutMillis: 5_000 },
    { onPoolError: (err) => console.warn(`[db] pool connection lost: ${err.message}`) },
  );
  return new PrismaClient({ adapter });
}
