import client from "prom-client";
import type { Db } from "../platform/db/client";
import { queueCounts } from "../platform/system/queue";

type WebMetrics = {
  registry: client.Registry;
  requestDuration: client.Histogram<"route" | "method" | "status">;
};

const globalForMetrics = globalThis as unknown as { vigieMetrics?: WebMetrics };

/** The web process's Prometheus registry; one per process even though Next bundles each route apart. */
export function webMetrics(): WebMetrics {
  if (globalForMetrics.vigieMetrics) return globalForMetrics.vigieMetrics;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "vigie_" });
  const requestDuration = new client.Histogram({
    name: "vigie_http_request_duration_seconds",
    help: "Duration of API requests (tRPC procedures and route handlers).",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  globalForMetrics.vigieMetrics = { registry, requestDuration };
  return globalForMetrics.vigieMetrics;
}

let collectorsRegistered = false;

/** Gauges read at scrape time: the job queue and the live stream. */
export function registerScrapeCollectors(db: Db, sseConnections: () => number) {
  if (collectorsRegistered) return;
  collectorsRegistered = true;
  const { registry } = webMetrics();
  new client.Gauge({
    name: "vigie_job_queue_depth",
    help: "graphile-worker jobs by state.",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      const counts = await queueCounts(db);
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  new client.Gauge({
    name: "vigie_sse_connections",
    help: "Live-stream subscriptions open on this web process.",
    registers: [registry],
    collect() {
      this.set(sseConnections());
    },
  });
  new client.Counter({
    name: "vigie_live_events_published_total",
    help: "Live events published by every process since the database was created.",
    registers: [registry],
    async collect() {
      const [row] = await db.$queryRaw<{ n: bigint | null }[]>`SELECT max("id") AS n FROM "LiveEvent"`;
      // Mirrors the event id sequence, which only ever grows.
      this.reset();
      this.inc(Number(row?.n ?? 0));
    },
  });
}

/** Times a route handler into vigie_http_request_duration_seconds. */
export function timed<A extends unknown[]>(route: string, handler: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    const end = webMetrics().requestDuration.startTimer({ route, method: req.method });
    try {
      const res = await handler(req, ...rest);
      end({ status: String(res.status) });
      return res;
    } catch (err) {
      end({ status: "500" });
      throw err;
    }
  };
}
