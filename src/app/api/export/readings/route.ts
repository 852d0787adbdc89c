import { z } from "zod";
import { readingsCsv } from "~/metering/readings-export";
import { csvExportRoute } from "~/server/http/csv-export";
import { db } from "~/server/web-db";

export const dynamic = "force-dynamic";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** GET /api/export/readings?from=…&to=…[&meter=…] — raw readings as CSV, streamed. */
export const GET = csvExportRoute(
  z.object({ from: z.coerce.date(), to: z.coerce.date(), meter: z.string().max(50).optional() }).refine((q) => q.from < q.to, "from must be before to"),
  (q) => readingsCsv(db, { from: q.from, to: q.to, meterId: q.meter }),
  (q) => `readings-${day(q.from)}-${day(q.to)}.csv`,
);
