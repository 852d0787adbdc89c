import { systemHealth } from "~/platform/system/health";
import { timed } from "~/server/metrics";
import { db } from "~/server/web-db";

export const dynamic = "force-dynamic";

/** Database reachability and worker heartbeat age. 503 only when the database does not answer:
 * a stopped worker degrades Vigie but the web server itself is healthy. */
export const GET = timed("/api/health", async () => {
  try {
    const health = await systemHealth(db);
    return Response.json(
      {
        status: health.worker.alive ? "ok" : "degraded",
        database: health.database,
        worker: {
          alive: health.worker.alive,
          lastHeartbeatAt: health.worker.lastBeatAt,
          heartbeatAgeSeconds: health.worker.ageSeconds,
          staleAfterSeconds: health.worker.staleSeconds,
        },
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    return Response.json(
      { status: "down", database: { ok: false, error: (err as Error).message }, worker: null },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
});
