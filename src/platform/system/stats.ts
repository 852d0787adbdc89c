import type { Db } from "../db/client";

export async function databaseSize(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ size: bigint }[]>`SELECT pg_database_size(current_database()) AS size`;
  return Number(row?.size ?? 0);
}

/** Live events per minute over the last `minutes` minutes, oldest first, and the mean rate per second. */
export async function liveEventRate(db: Db, minutes = 15) {
  const rows = await db.$queryRaw<{ minute: Date; count: number }[]>`
    SELECT date_trunc('minute', "createdAt") AS minute, count(*)::int AS count
    FROM "LiveEvent" WHERE "createdAt" > now() - make_interval(mins => ${minutes})
    GROUP BY 1 ORDER BY 1`;
  const total = rows.reduce((n, r) => n + r.count, 0);
  return { perMinute: rows, perSecond: total / (minutes * 60) };
}

/** Deletes live events older than `days`; returns how many went. */
export async function pruneLiveEvents(db: Db, days: number): Promise<number> {
  return db.$executeRaw`DELETE FROM "LiveEvent" WHERE "createdAt" < now() - make_interval(days => ${days})`;
}
