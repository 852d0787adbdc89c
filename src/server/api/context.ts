import type { Session } from "next-auth";
import type { Db } from "../../platform/db/client";
import { env } from "../../platform/env";
import type { LiveHub } from "../../platform/live/hub";
import { clientIp } from "../auth/client-ip";
import { sessionFromCookieHeader } from "../auth/session-cookie";
import { resolveSessionUser, type SessionUser } from "../auth/session-user";
import { knownErrorToTRPC, type TRPCContext } from "./trpc";
import { LOCALE_COOKIE, toLocale } from "../../i18n/locales";

/** The language the reader chose (the shell's cookie), for the messages the API writes. */
function localeFromCookies(cookie: string | null) {
  const pair = cookie?.split(";").find((part) => part.trim().startsWith(`${LOCALE_COOKIE}=`));
  return toLocale(pair?.split("=")[1]?.trim());
}

export type ContextSources = {
  db: Db;
  hub: LiveHub;
  /** The request's headers: its session cookie, and the client address the web server vouched for. */
  headers: Headers;
  /** How a session becomes a user (the live-stream transport remembers them a few seconds). */
  resolveUser?: (session: Session | null) => Promise<SessionUser | null>;
};

/**
 * The one way a tRPC context is made, for the Next.js route, the live-stream transport and
 * server components alike: the user is the request's Auth.js session, checked against the database.
 */
export async function createTRPCContext({ db, hub, headers, resolveUser = (s) => resolveSessionUser(db, s) }: ContextSources): Promise<TRPCContext> {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set (npm start provides one; see .env.example)");
  const session = await sessionFromCookieHeader(headers.get("cookie") ?? undefined, secret);
  const user = await resolveUser(session).catch((err: unknown) => {
    throw knownErrorToTRPC(err) ?? err;
  });
  return { db, hub, ip: clientIp(headers), user, locale: localeFromCookies(headers.get("cookie")) };
}
