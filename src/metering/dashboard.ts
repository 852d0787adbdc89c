import type { Db } from "../platform/db/client";
import { startOfZonedDay } from "../lib/time-zone";
import { currentReadings, energyStats } from "./readings-export";
import { netPowerW } from "./reading";
import { energyCost } from "./tariffs";

type LatestRow = Record<string, unknown> & { meterId: string; at: Date | null };
const num = (row: LatestRow | undefined, key: string) => (typeof row?.[key] === "number" ? (row[key] as number) : null);

/**
 * The morning screen, site-wide or for one meter: each meter's latest reading (power, phases, grid
 * quality, age), today's energy and cost so far, the last 24 hours' power statistics and the five
 * latest unacknowledged meter events.
 */
export async function energyDashboard(db: Db, options: { timezone: string; meterId?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const [latest, stats, cost, events, meters] = await Promise.all([
    currentReadings(db) as Promise<LatestRow[]>,
    energyStats(db, { timezone: options.timezone, meterId: options.meterId, now }),
    energyCost(db, { from: startOfZonedDay(now, options.timezone), to: new Date(now.getTime() + 3_600_000), meterId: options.meterId }),
    db.alert.findMany({
      where: { acknowledgedAt: null, sourceKind: "METER", sourceId: options.meterId },
      orderBy: { occurredAt: "desc" },
      take: 5,
      select: {
        id: true,
        occurredAt: true,
        severity: true,
        type: true,
        params: true,
        title: true,
        description: true,
        measuredValue: true,
        unit: true,
        sourceId: true,
      },
    }),
    db.meter.findMany({
      where: { id: options.meterId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, status: true, enabled: true, lastReadingAt: true, lastError: true },
    }),
  ]);
  const byMeter = new Map(latest.map((r) => [r.meterId, r]));
  const rows = meters.map((m) => {
    const r = byMeter.get(m.id);
    const phase = (name: string) => [1, 2, 3].map((n) => num(r, name.replace("#", String(n))));
    return {
      ...m,
      readingAt: r?.at ?? null,
      powerW: r ? netPowerW({ powerImportW: num(r, "powerImportW"), powerExportW: num(r, "powerExportW") }) : null,
      phases: { powerW: phase("powerL#W"), voltageV: phase("voltageL#V"), currentA: phase("currentL#A") },
      grid: { frequencyHz: num(r, "frequencyHz"), powerFactor: num(r, "powerFactor"), thdVoltagePct: num(r, "thdVoltageL1Pct") },
    };
  });
  const online = rows.filter((m) => m.status === "ONLINE" && m.powerW !== null);
  return {
    now,
    sitePowerW: online.length ? online.reduce((sum, m) => sum + m.powerW!, 0) : null,
    meters: rows,
    last24h: stats.last24h,
    today: { ...stats.today, cost: cost.days[0] ?? null },
    events,
  };
}
