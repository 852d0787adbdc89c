import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { env } from "./platform/env";
import { authConfig } from "./server/auth/config";
import { contentSecurityPolicy, NONCE_HEADER } from "./server/http/content-security-policy";

const { auth } = NextAuth(authConfig);

/** Pages anyone may open; API routes check their own access (tRPC per procedure, tokens, pings). */
const publicPages = ["/login"];

/**
 * Page guard from the session cookie alone (no database): anonymous visitors go to the login
 * page, non-admins are refused /admin. Pages check the account against the database again.
 */
export const proxy = auth((req) => {
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/api/")) return NextResponse.next();
  // A fresh nonce per page: Next.js reads it from the request's CSP header for its scripts.
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, env().NODE_ENV === "development");
  const headers = new Headers(req.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set("content-security-policy", csp);
  const withCsp = (response: NextResponse) => {
    response.headers.set("content-security-policy", csp);
    return response;
  };
  if (publicPages.includes(pathname)) return withCsp(NextResponse.next({ request: { headers } }));
  const user = req.auth?.user;
  if (!user) {
    const login = new URL("/login", req.nextUrl.origin);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  if (pathname.startsWith("/admin") && user.role !== "ADMIN") {
    return withCsp(NextResponse.rewrite(new URL("/forbidden", req.nextUrl.origin), { status: 403, request: { headers } }));
  }
  return withCsp(NextResponse.next({ request: { headers } }));
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.svg|.*\\.(?:svg|png|ico|css|js)$).*)"],
};
