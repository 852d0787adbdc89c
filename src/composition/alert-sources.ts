import type { Db } from "../platform/db/client";

type Sourced = { sourceKind: string; sourceId: string | null };

/**
 * Alerts with the name of what raised them (a meter, a backup job, a campaign), read in one query
 * per kind: the platform stores only the kind and id, the domains own the names. A source deleted
 * since has no name.
 */
export async function withSourceNames<A extends Sourced>(db: Db, alerts: A[]): Promise<(A & { sourceName: string | null })[]> {
  const ids = (kind: string) => [...new Set(alerts.filter((a) => a.sourceKind === kind && a.sourceId).map((a) => a.sourceId!))];
  const [meters, jobs, campaigns] = await Promise.all([
    db.meter.findMany({ where: { id: { in: ids("METER") } }, select: { id: true, name: true } }),
    db.backupJob.findMany({ where: { id: { in: ids("BACKUP_JOB") } }, select: { id: true, name: true } }),
    db.campaign.findMany({ where: { id: { in: ids("CAMPAIGN") } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...meters, ...jobs, ...campaigns].map((s) => [s.id, s.name]));
  return alerts.map((a) => ({ ...a, sourceName: a.sourceId ? (names.get(a.sourceId) ?? null) : null }));
}
