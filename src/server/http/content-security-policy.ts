/**
 * The pages' Content-Security-Policy: scripts only from Vigie with this request's nonce (Next.js
 * puts it on its own scripts when it finds it in the request's CSP header), no framing, no
 * plugins. Styles may be inline (React style attributes, chart libraries); they cannot run code.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const NONCE_HEADER = "x-nonce";
