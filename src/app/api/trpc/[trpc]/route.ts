import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCContext } from "~/server/api/context";
import { appRouter } from "~/server/api/root";
import { db } from "~/server/web-db";
import { webHub } from "~/server/live/web-hub";
import { createLogger } from "~/platform/logger";

export const dynamic = "force-dynamic";
const log = createLogger("trpc");

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ db, hub: webHub(), headers: req.headers }),
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log.error(`${path ?? "?"} failed`, { error: error.cause ?? error });
    },
  });
}

export { handler as GET, handler as POST };
