import type { Db } from "../platform/db/client";
import { raiseAlert } from "../platform/alerts/alerts";
import { publish } from "../platform/live/publish";
import { topics } from "../platform/live/topics";
import { getSetting } from "../platform/settings/settings";
import { detectHourlySpike, findingAlert } from "./anomalies";
import { energySettings } from "./settings";
import { loadThresholds } from "./thresholds";

/** Enabled meters silent for `energy.offlineIntervals` of their interval become OFFLINE, once. */
export async function markOfflineMeters(db: Db, now = new Date()): Promise<string[]> {
  const intervals = await getSetting(db, energySettings.offlineIntervals);
  const candidates = await db.meter.findMany({ where: { enabled: true, status: { not: "OFFLINE" } } });
  const offline: string[] = [];
  for (const meter of candidates) {
    const since = meter.lastReadingAt ?? meter.createdAt;
    if (now.getTime() - since.getTime() < intervals * meter.pollIntervalSeconds * 1000) continue;
    // Compare-and-swap: with several workers, one of them reports it.
    const swapped = await db.meter.updateMany({ where: { id: meter.id, status: meter.status }, data: { status: "OFFLINE" } });
    if (!swapped.count) continue;
    offline.push(meter.id);
    await raiseAlert(db, {
      sourceKind: "METER",
      sourceId: meter.id,
      type: "meter_offline",
      severity: "ERROR",
      category: "meter",
      params: { meter: meter.name, lastReadingAt: meter.lastReadingAt?.toISOString() ?? null, intervals, pollSeconds: meter.pollIntervalSeconds },
      measuredValue: Math.round((now.getTime() - since.getTime()) / 1000),
      unit: "s",
      threshold: intervals * meter.pollIntervalSeconds,
    });
    await publish(db, topics.meter(meter.id), "status", { meterId: meter.id, status: "OFFLINE" });
  }
  return offline;
}

/** The hour that just ended, for every meter, against the same hour of the previous four weeks. */
export async function checkHourlySpikes(db: Db, hourStart: Date): Promise<number> {
  const weeks = [1, 2, 3, 4].map((w) => new Date(hourStart.getTime() - w * 7 * 86_400_000));
  const rows = await db.readingRollup.findMany({
    where: { period: "HOUR", bucket: { in: [hourStart, ...weeks] } },
    select: { meterId: true, bucket: true, importKwh: true },
  });
  const byMeter = new Map<string, { current?: number; previous: number[] }>();
  for (const r of rows) {
    const entry = byMeter.get(r.meterId) ?? { previous: [] };
    if (r.bucket.getTime() === hourStart.getTime()) entry.current = r.importKwh;
    else entry.previous.push(r.importKwh);
    byMeter.set(r.meterId, entry);
  }
  let raised = 0;
  for (const [meterId, { current, previous }] of byMeter) {
    if (current === undefined) continue;
    const meter = await db.meter.findUnique({ where: { id: meterId }, select: { name: true, thresholds: true } });
    if (!meter) continue;
    const finding = detectHourlySpike(current, previous, await loadThresholds(db, meter.thresholds));
    if (!finding) continue;
    raised++;
    await raiseAlert(db, {
      sourceKind: "METER",
      sourceId: meterId,
      ...findingAlert(meter, finding),
      occurredAt: new Date(hourStart.getTime() + 3_600_000),
    });
  }
  return raised;
}

/** Raw readings older than `energy.rawRetentionDays` go; roll-ups stay. */
export async function pruneReadings(db: Db, now = new Date()): Promise<number> {
  const days = await getSetting(db, energySettings.rawRetentionDays);
  const result = await db.reading.deleteMany({ where: { at: { lt: new Date(now.getTime() - days * 86_400_000) } } });
  return result.count;
}
