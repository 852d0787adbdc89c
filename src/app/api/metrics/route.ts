import { env } from "~/platform/env";
import { db } from "~/server/web-db";
import { webHub } from "~/server/live/web-hub";
import { registerScrapeCollectors, webMetrics } from "~/server/metrics";

export const dynamic = "force-dynamic";

/** Prometheus exposition. When VIGIE_METRICS_TOKEN is set, scrapers must send it as a bearer token. */
export async function GET(req: Request) {
  const token = env().VIGIE_METRICS_TOKEN;
  if (token && req.headers.get("authorization") !== `Bearer ${token}`) {
    return new Response("Unauthorized\n", { status: 401, headers: { "www-authenticate": "Bearer" } });
  }
  registerScrapeCollectors(db, () => webHub().subscriberCount);
  const { registry } = webMetrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
