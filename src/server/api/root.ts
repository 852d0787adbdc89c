import { createCallerFactory, createTRPCRouter, publicProcedure } from "./trpc";
import { alertsRouter } from "./routers/alerts";
import { apiTokensRouter } from "./routers/api-tokens";
import { backupsRouter } from "./routers/backups";
import { campaignsRouter } from "./routers/campaigns";
import { meteringRouter } from "./routers/metering";
import { liveRouter } from "./routers/live";
import { metersRouter } from "./routers/meters";
import { notificationsRouter } from "./routers/notifications";
import { settingsRouter } from "./routers/settings";
import { systemRouter } from "./routers/system";
import { usersRouter } from "./routers/users";

export const appRouter = createTRPCRouter({
  /** Who is signed in (null when nobody): public so the shell can ask before anything else. */
  me: publicProcedure.query(({ ctx }) => ctx.user),
  alerts: alertsRouter,
  apiTokens: apiTokensRouter,
  backups: backupsRouter,
  campaigns: campaignsRouter,
  metering: meteringRouter,
  live: liveRouter,
  meters: metersRouter,
  notifications: notificationsRouter,
  settings: settingsRouter,
  system: systemRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
