import type { IncomingMessage, ServerResponse } from "node:http";
import { findUnsafeText, unsafeTextMessage } from "../../lib/unsafe-text";

/**
 * The first look at every request, before Next.js or the SSE transport: a URL that does not
 * decode (`%FF`) or that carries NUL or an unpaired surrogate is answered 400 at once, rather
 * than throwing inside a handler and leaving the socket open. Returns true when it answered.
 */
export function refuseMalformedRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const problem = urlProblem(req.url ?? "/");
  if (!problem) return false;
  res.writeHead(400, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ error: problem }));
  return true;
}

function urlProblem(url: string): string | null {
  const [path = "", query = ""] = url.split("?", 2);
  try {
    const parts = [decodeURIComponent(path), ...query.split("&").flatMap((p) => p.split("=").map((s) => decodeURIComponent(s.replace(/\+/g, " "))))];
    const unsafe = findUnsafeText(parts);
    return unsafe ? unsafeTextMessage("URL") : null;
  } catch {
    return "malformed URL: a %-escape does not decode to UTF-8 text";
  }
}

/**
 * Headers every answer carries: no MIME sniffing, no framing, no full URL in Referer, and HSTS
 * once Vigie is reached over HTTPS (directly, or through a trusted proxy that says so).
 */
export function setSecurityHeaders(res: ServerResponse, https: boolean): void {
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
  if (https) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
}
