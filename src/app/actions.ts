"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { signOut } from "~/server/auth";
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

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
