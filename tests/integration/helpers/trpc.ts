import { createCaller } from "../../../src/server/api/root";
import type { SessionUser } from "../../../src/server/auth/session-user";
import type { Db } from "../../../src/platform/db/client";
import type { LiveHub } from "../../../src/platform/live/hub";

/** A server-side caller acting as `user` (or anonymous), as the route handler would build it. */
export function callerAs(db: Db, hub: LiveHub, user: SessionUser | null) {
  return createCaller({ db, hub, user, ip: "127.0.0.1", locale: "en" });
}
