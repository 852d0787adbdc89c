import { z } from "zod";
import { rollupsCsv } from "~/metering/readings-export";
import { csvExportRoute } from "~/server/http/csv-export";
import { db } from "~/server/web-db";

export const dynamic = "force-dynamic";

/** GET /api/export/rollups?period=hour|day&from=…&to=…[&meter=…] — roll-ups as CSV, streamed. */
export const GET = csvExportRoute(
  z
    .object({ period: z.enum(["hour", "day"]).default("hour"), from: z.coerce.date(), to: z.coerce.date(), meter: z.string().max(50).optional() })
    .refine((q) => q.from < q.to, "from must be before to"),
  (q) => rollupsCsv(db, { period: q.period === "day" ? "DAY" : "HOUR", from: q.from, to: q.to, meterId: q.meter }),
  (q) => `rollups-${q.period}.csv`,
);
