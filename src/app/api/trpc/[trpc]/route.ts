import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { knownErrorToTRPC } from "~/server/api/trpc";
import { auth } from "~/server/auth";
import { clientIp } from "~/server/auth/client-ip";
import { resolveSessionUser } from "~/server/auth/session-user";
import { db } from "~/server/db";
import { webHub } from "~/server/live/web-hub";
import { createLogger } from "~/platform/logger";

export const dynamic = "force-dynamic";
const log = createLogger("trpc");

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({
      db,
      user: await resolveSessionUser(db, await auth()).catch((err: unknown) => {
        throw knownErrorToTRPC(err) ?? err;
      }),
      ip: clientIp(req.headers),
      hub: webHub(),
    }),
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log.error(`${path ?? "?"} failed`, { error: error.cause ?? error });
    },
  });
}

export { handler as GET, handler as POST };
