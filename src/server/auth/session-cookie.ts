import { decode } from "next-auth/jwt";
import type { Session } from "next-auth";

const cookieNames = ["__Secure-authjs.session-token", "authjs.session-token"];

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) cookies.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return cookies;
}

/**
 * The Auth.js session carried by a request's cookies, decoded without Next.js (for the plain
 * Node transport of live streams). Large tokens may be split over `name.0`, `name.1`, … cookies.
 */
export async function sessionFromCookieHeader(header: string | undefined, secret: string): Promise<Session | null> {
  const cookies = parseCookies(header);
  for (const name of cookieNames) {
    let token = cookies.get(name);
    if (token === undefined) {
      const chunks: string[] = [];
      for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
      token = chunks.length ? chunks.join("") : undefined;
    }
    if (token === undefined) continue;
    const claims = await decode({ token, secret, salt: name }).catch(() => null);
    if (!claims?.sub) return null;
    return { user: { id: claims.sub, sessionVersion: claims.sv as number, sessionId: claims.sid as string }, expires: "" } as unknown as Session;
  }
  return null;
}
