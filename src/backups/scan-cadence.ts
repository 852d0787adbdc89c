import type { Db } from "../platform/db/client";
import { getSetting } from "../platform/settings/settings";
import { nextScanAt, planScan, scanIntervalMs, startScanSchedule } from "./scan-schedule";
import { backupSettings } from "./settings";

/** After a scheduled scan due at `dueAt`: plan the next one, unless scheduled scans were turned off. */
export async function planFollowingScan(db: Db, dueAt: Date, now: Date): Promise<void> {
  if (!(await getSetting(db, backupSettings.scannerEnabled))) return;
  const minutes = await getSetting(db, backupSettings.scannerIntervalMinutes);
  await planScan(db, nextScanAt(dueAt, scanIntervalMs(minutes), now));
}

/** At worker start: the scheduled scan exists when scans are on (kept as planned if it already does). */
export async function ensureScanSchedule(db: Db): Promise<void> {
  if (await getSetting(db, backupSettings.scannerEnabled)) await startScanSchedule(db);
}
