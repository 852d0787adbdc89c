/**
 * Vigie's web server: Next.js for pages and the API, and, on the same port, tRPC subscriptions
 * (live events) served as server-sent events by a lean transport (subscription-transport.ts).
 * Usage: node --import tsx src/server/http/main.ts [--dev]
 */
import { createServer } from "node:http";
import next from "next";
import { createTRPCContext } from "../api/context";
import { appRouter } from "../api/root";
import { CLIENT_IP_HEADER, fromTrustedProxy, resolveClientIp, trustedProxies } from "../auth/client-ip";
import { cachedSessionUserResolver } from "../auth/session-user-cache";
import { createDb, type Db } from "../../platform/db/client";
import { databaseUrl, env } from "../../platform/env";
import { LiveHub } from "../../platform/live/hub";
import { createLogger } from "../../platform/logger";
import { handlePing } from "./ping-route";
import { refuseMalformedRequest, setSecurityHeaders } from "./request-guard";
import { createSubscriptionTransport, subscriptionPath } from "./subscription-transport";

const log = createLogger("web");
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const dev = process.argv.includes("--dev");
const { PORT: port, HOST: hostname, AUTH_SECRET: authSecret, VIGIE_TRUSTED_PROXIES } = env();
if (!authSecret) {
  log.error("AUTH_SECRET is not set (npm start provides one; see .env.example)");
  process.exit(1);
}

// Shared with the Next.js bundle through globalThis (src/server/web-db.ts, src/server/live/web-hub.ts):
// one database pool and one LISTEN connection per process.
const shared = globalThis as unknown as { vigieDb?: Db; vigieHub?: LiveHub };
shared.vigieDb ??= createDb(databaseUrl());
const db = shared.vigieDb;
shared.vigieHub ??= new LiveHub({ listenUrl: databaseUrl(), db });
const hub = shared.vigieHub;

const app = next({ dev, hostname, port });
const handleNext = app.getRequestHandler();
await app.prepare();

const sessionUser = cachedSessionUserResolver(db);
const subscriptions = createSubscriptionTransport({
  router: appRouter,
  pingIntervalMs: 15_000,
  reconnectAfterInactivityMs: 35_000,
  createContext: (req) => createTRPCContext({ db, hub, headers: new Headers(req.headers as Record<string, string>), resolveUser: sessionUser }),
  onError: (path, error) => log.error(`${path} failed`, { error }),
});

const proxies = trustedProxies(VIGIE_TRUSTED_PROXIES);
const server = createServer((req, res) => {
  if (refuseMalformedRequest(req, res)) return;
  const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"] as string | undefined, proxies);
  setSecurityHeaders(res, "encrypted" in req.socket || (fromTrustedProxy(req.socket.remoteAddress, proxies) && req.headers["x-forwarded-proto"] === "https"));
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  else delete req.headers[CLIENT_IP_HEADER];
  if (handlePing(db, log, req, res)) return;
  const path = subscriptionPath(appRouter, req);
  if (path) void subscriptions.handle(req, res, path);
  else void handleNext(req, res);
});
// Idle keep-alive sockets outlive those of the client in front (reverse proxies keep theirs 60 s), so
// the client drops an idle socket before this server closes it under a request (ECONNRESET).
server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
}
server.listen(port, hostname, () => log.info(`listening on http://${hostname}:${port}${dev ? " (development)" : ""}`));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info(`${signal} received: closing live streams and the server`);
  // Ending the streams first lets the server close: they would otherwise stay open for ever.
  await hub.stop();
  subscriptions.close();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
