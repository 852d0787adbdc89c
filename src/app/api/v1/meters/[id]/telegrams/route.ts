import { MeterIngestor } from "~/metering/ingest";
import { meterForIngestToken } from "~/metering/meters/meters";
import { ingestRemoteTelegrams } from "~/metering/meters/remote-ingest";
import { db } from "~/server/web-db";
import { timed } from "~/server/metrics";

export const dynamic = "force-dynamic";

const MAX_BYTES = 1_000_000;
const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * POST /api/v1/meters/<id>/telegrams — a remote datalogger's raw telegram(s), text or binary,
 * with "Authorization: Bearer <meter token>". 200 with what was stored; 422 when nothing decoded.
 */
export const POST = timed("/api/v1/meters/telegrams", async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const token = /^Bearer (\S+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
  const meter = token ? await meterForIngestToken(db, id, token) : null;
  if (!meter) return json(401, { error: "unknown meter or wrong token" });
  if (!meter.enabled) return json(409, { error: "this meter is disabled" });
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BYTES) return json(413, { error: `at most ${MAX_BYTES} bytes per request` });
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (!bytes.length) return json(400, { error: "empty body: send the raw telegram" });
  if (bytes.length > MAX_BYTES) return json(413, { error: `at most ${MAX_BYTES} bytes per request` });
  const result = await ingestRemoteTelegrams(new MeterIngestor(db), meter, bytes);
  return json(result.frames ? 200 : 422, result);
});
