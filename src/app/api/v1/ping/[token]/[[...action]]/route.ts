import { recordPing, pingRequestSchema, UnknownPingTokenError } from "~/backups/pings";
import { db } from "~/server/db";
import { timed } from "~/server/metrics";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string; action?: string[] }> };

/** Bodies beyond this are cut (the log excerpt keeps the end anyway). */
const MAX_BODY_BYTES = 1_000_000;

const text = (status: number, body: string) => new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/**
 * Backup tools report here, as with healthchecks.io: GET or POST /api/v1/ping/<uuid> (success),
 * /start, /fail or /<exit code>; `?rid=` pairs a start with its finish; a POST body is kept as
 * the run's log excerpt. The uuid is the job's secret: no session needed.
 */
async function ping(req: Request, { params }: Params): Promise<Response> {
  const { token, action } = await params;
  if (action && action.length > 1) return text(404, "not found");
  const body = req.method === "POST" ? (await req.text()).slice(-MAX_BODY_BYTES) : undefined;
  const request = { token, action: action?.[0], runKey: new URL(req.url).searchParams.get("rid") ?? undefined, body };
  const parsed = pingRequestSchema.safeParse(request);
  if (!parsed.success) {
    const tokenIssue = parsed.error.issues.some((i) => i.path[0] === "token");
    return tokenIssue ? text(404, "not found") : text(400, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  try {
    const result = await recordPing(db, request);
    return text(200, `OK ${result.status}`);
  } catch (err) {
    if (err instanceof UnknownPingTokenError) return text(404, "not found");
    throw err;
  }
}

export const GET = timed("/api/v1/ping", ping);
export const POST = timed("/api/v1/ping", ping);
