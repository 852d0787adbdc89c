import { Cron } from "croner";
import type { Db } from "../db/client";
import { crontab } from "./crontab";

/** Each crontab entry with its last run (graphile-worker's record) and its next run. */
export async function listSchedules(db: Db, now = new Date()) {
  const known = await db.$queryRaw<{ identifier: string; last_execution: Date | null }[]>`
    SELECT identifier, last_execution FROM graphile_worker._private_known_crontabs`;
  const last = new Map(known.map((k) => [k.identifier, k.last_execution]));
  return crontab.map((entry) => ({
    ...entry,
    lastRunAt: last.get(entry.identifier) ?? null,
    nextRunAt: new Cron(entry.pattern, { timezone: "UTC", paused: true }).nextRun(now),
  }));
}
