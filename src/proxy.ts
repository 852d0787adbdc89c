import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./server/auth/config";

const { auth } = NextAuth(authConfig);

/** Pages anyone may open; API routes check their own access (tRPC per procedure, tokens, pings). */
const publicPages = ["/login"];

/**
 * Page guard from the session cookie alone (no database): anonymous visitors go to the login
 * page, non-admins are refused /admin. Pages check the account against the database again.
 */
export const proxy = auth((req) => {
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/api/") || publicPages.includes(pathname)) return NextResponse.next();
  const user = req.auth?.user;
  if (!user) {
    const login = new URL("/login", req.nextUrl.origin);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  if (pathname.startsWith("/admin") && user.role !== "ADMIN") {
    return NextResponse.rewrite(new URL("/forbidden", req.nextUrl.origin), { status: 403 });
  }
  return NextResponse.next();
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.svg|.*\\.(?:svg|png|ico|css|js)$).*)"],
};
