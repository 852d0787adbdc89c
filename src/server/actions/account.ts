"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { auth, signOut } from "~/server/auth";
import { SESSION_MAX_AGE_SECONDS } from "~/server/auth/config";
import { revokeSession } from "~/server/auth/session-user";
import { db } from "~/server/web-db";
import { LOCALE_COOKIE, locales } from "~/i18n/locales";

const year = 60 * 60 * 24 * 365;

export async function setLocale(locale: string) {
  const value = z.enum(locales).parse(locale);
  (await cookies()).set(LOCALE_COOKIE, value, { path: "/", maxAge: year, sameSite: "lax" });
}

export async function setTheme(theme: string) {
  const value = z.enum(["light", "dark"]).parse(theme);
  (await cookies()).set("vigie-theme", value, { path: "/", maxAge: year, sameSite: "lax" });
}

/** Revokes the session server-side before dropping its cookie: a copy of the cookie stops working too. */
export async function signOutAction() {
  await revokeSession(db, await auth(), SESSION_MAX_AGE_SECONDS);
  await signOut({ redirectTo: "/login" });
}
