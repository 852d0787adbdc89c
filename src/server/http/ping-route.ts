import type { IncomingMessage, ServerResponse } from "node:http";
import { LOG_EXCERPT_CHARS, pingRequestSchema, recordPing, UnknownPingTokenError } from "../../backups/pings";
import type { Db } from "../../platform/db/client";
import { isDatabaseAway } from "../../platform/db/patient-pool";
import type { Logger } from "../../platform/logger";
import { webMetrics } from "../metrics";

const PREFIX = "/api/v1/ping/";
let lastAwayLogAt = 0;
/** A log beyond this is refused (413), not cut: the tool learns it, the server never holds more. */
export const MAX_PING_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Backup tools report here, as with healthchecks.io: GET or POST /api/v1/ping/<uuid> (success),
 * /start, /fail or /<exit code>; `?rid=` pairs a start with its finish; a POST body is kept as the
 * run's log excerpt. The uuid is the job's secret: no session needed. Served by the web server
 * itself, before Next.js: a ping is a few hundred bytes in and one SQL statement, and bursts of
 * them (every backup of a site finishing at 02:00) should not pay for page routing.
 * Returns false when the request is not a ping.
 */
export function handlePing(db: Db, log: Logger, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? "/", "http://vigie.local");
  if (!url.pathname.startsWith(PREFIX) || (req.method !== "GET" && req.method !== "POST")) return false;
  const end = webMetrics().requestDuration.startTimer({ route: "/api/v1/ping", method: req.method });
  const answer = (status: number, body: string) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end(`${body}\n`);
    end({ status: String(status) });
  };
  void (async () => {
    const [token = "", action, ...rest] = url.pathname.slice(PREFIX.length).split("/");
    if (rest.length) return answer(404, "not found");
    let body: string | undefined;
    if (req.method === "POST") {
      const read = await readBoundedBody(req, MAX_PING_BODY_BYTES);
      if (read === null)
        return answer(
          413,
          `log too large: send at most ${MAX_PING_BODY_BYTES / 1024 / 1024} MB (the last ${LOG_EXCERPT_CHARS.toLocaleString("en")} characters are kept)`,
        );
      body = read;
    }
    const request = { token, action: action || undefined, runKey: url.searchParams.get("rid") ?? undefined, body };
    const parsed = pingRequestSchema.safeParse(request);
    if (!parsed.success) {
      const tokenIssue = parsed.error.issues.some((i) => i.path[0] === "token");
      return answer(tokenIssue ? 404 : 400, tokenIssue ? "not found" : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
    }
    try {
      const result = await recordPing(db, request);
      answer(200, `OK ${result.status}`);
    } catch (err) {
      if (err instanceof UnknownPingTokenError) return answer(404, "not found");
      if (!isDatabaseAway(err)) log.error("ping not recorded", { error: err as Error });
      else if (Date.now() - lastAwayLogAt > 10_000) {
        // One line per outage moment, not one per refused ping of a burst.
        lastAwayLogAt = Date.now();
        log.warn("pings refused: the database is unreachable (tools are told to retry)", { error: (err as Error).message.split("\n").at(-1) });
      }
      res.setHeader("retry-after", "5");
      answer(503, "not recorded, try again");
    }
  })();
  return true;
}

/** The body, or null once it passes `maxBytes` (Content-Length, when sent, refuses it at once). */
function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  if (Number(req.headers["content-length"]) > maxBytes) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners("data");
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
