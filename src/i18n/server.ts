import "server-only";
import { cookies } from "next/headers";
import { dictionaries, LOCALE_COOKIE, toLocale, type Locale } from "./locales";

export async function getLocale(): Promise<Locale> {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getMessages() {
  return dictionaries[await getLocale()];
}
