import { z } from "zod";
import type { Db } from "../platform/db/client";
import { calendarDayOf, startOfCalendarDay } from "../lib/time-zone";
import { notFoundError } from "../platform/errors";
import { getSetting } from "../platform/settings/settings";
import { costByDay, costByMonth, type TariffConfig } from "./cost";
import { energySettings } from "./settings";

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM")
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));

export const tariffInput = z
  .object({
    name: z.string().trim().min(1, "a name is required").max(100),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, "an ISO currency code, e.g. EUR")
      .default("EUR"),
    // Calendar days in the site's time zone: a contract starts at that day's local midnight.
    validFrom: z.iso.date("a date, YYYY-MM-DD"),
    validTo: z.iso.date("a date, YYYY-MM-DD").nullish(),
    importPricePerKwh: z.number().min(0).max(100),
    exportPricePerKwh: z.number().min(0).max(100).default(0),
    standingCharge: z.number().min(0).max(1e6).default(0),
    standingChargePeriod: z.enum(["DAY", "MONTH"]).default("MONTH"),
    periods: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(100),
          weekdays: z.array(z.number().int().min(1).max(7)).min(1),
          start: hhmm,
          end: hhmm,
          pricePerKwh: z.number().min(0).max(100),
        }),
      )
      .max(50)
      .default([]),
  })
  .refine((t) => !t.validTo || t.validTo > t.validFrom, { path: ["validTo"], message: "the end must come after the start" })
  .refine((t) => t.periods.every((p) => p.start !== p.end), { path: ["periods"], message: "a window cannot start and end at the same time" });
/** A tariff as validated by `tariffInput` (windows in minutes). */
export type Tariff = z.output<typeof tariffInput>;

export function listTariffs(db: Db) {
  return db.tariff.findMany({ orderBy: { validFrom: "desc" }, include: { periods: true } });
}

/** The tariffs with their validity as the calendar days the operator entered (in the site's zone). */
export async function listTariffDays(db: Db, timezone: string) {
  const tariffs = await listTariffs(db);
  return tariffs.map((t) => ({ ...t, validFromDay: calendarDayOf(t.validFrom, timezone), validToDay: t.validTo ? calendarDayOf(t.validTo, timezone) : null }));
}

export async function saveTariff(db: Db, id: string | null, t: Tariff, timezone: string) {
  const data = {
    name: t.name,
    currency: t.currency,
    validFrom: startOfCalendarDay(t.validFrom, timezone),
    validTo: t.validTo ? startOfCalendarDay(t.validTo, timezone) : null,
    importPricePerKwh: t.importPricePerKwh,
    exportPricePerKwh: t.exportPricePerKwh,
    standingCharge: t.standingCharge,
    standingChargePeriod: t.standingChargePeriod,
  };
  const periods = t.periods.map((p) => ({ name: p.name, weekdays: p.weekdays, startMinute: p.start, endMinute: p.end, pricePerKwh: p.pricePerKwh }));
  return db.$transaction(async (tx) => {
    if (id && !(await tx.tariff.findUnique({ where: { id }, select: { id: true } }))) throw notFoundError("tariff", "No such tariff.");
    const tariff = id ? await tx.tariff.update({ where: { id }, data }) : await tx.tariff.create({ data });
    await tx.tariffPeriod.deleteMany({ where: { tariffId: tariff.id } });
    await tx.tariffPeriod.createMany({ data: periods.map((p) => ({ ...p, tariffId: tariff.id })) });
    return tariff;
  });
}

export async function deleteTariff(db: Db, id: string) {
  const deleted = await db.tariff.deleteMany({ where: { id } });
  if (!deleted.count) throw notFoundError("tariff", "No such tariff.");
}

/** Cost per day and per month over [from, to), site-wide or for one meter, from the hourly roll-ups. */
export async function energyCost(db: Db, options: { from: Date; to: Date; meterId?: string }) {
  const [timezone, tariffs, hours] = await Promise.all([
    getSetting(db, energySettings.timezone),
    listTariffs(db),
    db.readingRollup.groupBy({
      by: ["bucket"],
      where: { period: "HOUR", bucket: { gte: options.from, lt: options.to }, meterId: options.meterId },
      _sum: { importKwh: true, exportKwh: true },
      orderBy: { bucket: "asc" },
    }),
  ]);
  const days = costByDay(
    hours.map((h) => ({ bucket: h.bucket, importKwh: h._sum.importKwh ?? 0, exportKwh: h._sum.exportKwh ?? 0 })),
    tariffs as TariffConfig[],
    timezone,
    options.from,
    options.to,
  );
  return { timezone, days, months: costByMonth(days) };
}
