import { db } from "~/server/web-db";
import { timed } from "~/server/metrics";
import { workerStatus } from "~/platform/system/heartbeat";

export const dynamic = "force-dynamic";

/** Database reachability and worker heartbeat age. 503 only when the database does not answer:
 * a stopped worker degrades Vigie but the web server itself is healthy. */
export const GET = timed("/api/health", async () => {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (err) {
    return Response.json(
      { status: "down", database: { ok: false, error: (err as Error).message }, worker: null },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const worker = await workerStatus(db);
  const last = worker.workers[0];
  return Response.json(
    {
      status: worker.alive ? "ok" : "degraded",
      database: { ok: true, latencyMs },
      worker: {
        alive: worker.alive,
        lastHeartbeatAt: worker.lastBeatAt,
        heartbeatAgeSeconds: last ? last.ageSeconds : null,
        staleAfterSeconds: worker.staleSeconds,
      },
    },
    { headers: { "cache-control": "no-store" } },
  );
});
