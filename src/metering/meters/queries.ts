import type { Db } from "../../platform/db/client";
import { notFoundError } from "../../platform/errors";
import { publicMeter } from "./meters";

/** Meters with their latest reading's headline values, for the meters page. */
export async function listMeters(db: Db) {
  const meters = await db.meter.findMany({ orderBy: { name: "asc" } });
  const latest = await db.$queryRaw<
    { meterId: string; at: Date; powerImportW: number | null; powerExportW: number | null; energyImportKwh: number | null; voltageL1V: number | null }[]
  >`
    SELECT m."id" AS "meterId", r."at", r."powerImportW", r."powerExportW", r."energyImportKwh", r."voltageL1V"
    FROM "Meter" m
    JOIN LATERAL (SELECT * FROM "Reading" WHERE "meterId" = m."id" ORDER BY "at" DESC LIMIT 1) r ON true`;
  const byMeter = new Map(latest.map((l) => [l.meterId, l]));
  return meters.map((m) => ({ ...publicMeter(m), latest: byMeter.get(m.id) ?? null }));
}

export async function getMeter(db: Db, id: string) {
  const meter = await db.meter.findUnique({ where: { id } });
  if (!meter) throw notFoundError("meter", "No such meter.");
  return publicMeter(meter);
}
