import { LOG_EXCERPT_CHARS, recordPing, pingRequestSchema, UnknownPingTokenError } from "~/backups/pings";
import { readBoundedText } from "~/server/http/bounded-body";
import { db } from "~/server/db";
import { timed } from "~/server/metrics";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string; action?: string[] }> };

/** A log beyond this is refused (413), not cut: the tool learns it, the server never holds more. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const text = (status: number, body: string) => new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/**
 * Backup tools report here, as with healthchecks.io: GET or POST /api/v1/ping/<uuid> (success),
 * /start, /fail or /<exit code>; `?rid=` pairs a start with its finish; a POST body is kept as
 * the run's log excerpt. The uuid is the job's secret: no session needed.
 */
async function ping(req: Request, { params }: Params): Promise<Response> {
  const { token, action } = await params;
  if (action && action.length > 1) return text(404, "not found");
  let body: string | undefined;
  if (req.method === "POST") {
    const read = await readBoundedText(req, MAX_BODY_BYTES);
    if ("tooLarge" in read) return text(413, `log too large: send at most ${MAX_BODY_BYTES / 1024 / 1024} MB (the last ${LOG_EXCERPT_CHARS.toLocaleString("en")} characters are kept)`);
    body = read.text;
  }
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
