import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpSubscriptionLink, type TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveHub } from "../../src/platform/live/hub";
import { publish } from "../../src/platform/live/publish";
import { appRouter, type AppRouter } from "../../src/server/api/root";
import type { SessionUser } from "../../src/server/auth/session-user";
import { createSubscriptionTransport, subscriptionPath } from "../../src/server/http/subscription-transport";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { createTestUser } from "./helpers/users";
import { waitFor } from "./helpers/wait";

/*
 * The browser's side of live events is tRPC's own httpSubscriptionLink over a real EventSource;
 * the server's is Vigie's hand-built SSE transport. This checks they still speak the same protocol.
 */
let t: TestDatabase;
let hub: LiveHub;
let server: Server;
let url: string;
let viewer: SessionUser;
const transport = createSubscriptionTransport({
  router: appRouter,
  pingIntervalMs: 60_000,
  reconnectAfterInactivityMs: 120_000,
  createContext: async () => ({ db: t.db, hub, ip: null, user: viewer }),
});

beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({ listenUrl: t.url, db: t.db });
  await hub.start();
  viewer = await createTestUser(t.db, "VIEWER");
  server = createServer((req, res) => {
    const path = subscriptionPath(appRouter, req);
    if (path) void transport.handle(req, res, path);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc`;
});
afterAll(async () => {
  transport.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await hub.stop();
  await t.drop();
});

const client = () => createTRPCClient<AppRouter>({ links: [httpSubscriptionLink({ url, transformer: superjson, EventSource })] });
const reading = (powerW: number) => publish(t.db, "energy", "reading", { meterId: "m1", at: new Date(), powerW });

describe("tRPC's httpSubscriptionLink against the SSE transport", () => {
  it("receives each event with its id and payload, and after a cut resumes from the last id: nothing lost, nothing twice", async () => {
    const received: { id: string; powerW: unknown }[] = [];
    const states: string[] = [];
    const sub = client().live.subscribe.subscribe(
      { topic: "energy" },
      {
        onData: ({ id, data }) => received.push({ id, powerW: (data.payload as { powerW: number }).powerW }),
        onConnectionStateChange: (s) => states.push(s.state),
      },
    );
    await waitFor(() => hub.subscriberCount > 0, "the subscription");
    // One after the other: concurrent publishes may commit, and so be numbered, in any order.
    const first = [await reading(1), await reading(2), await reading(3)];
    await waitFor(() => received.length === 3, "three events");
    expect(received.map((r) => r.id)).toEqual(first.map(String));

    // The connection drops (a proxy restart, a network blip); events go on meanwhile.
    server.closeAllConnections();
    await waitFor(() => hub.subscriberCount === 0, "the server to see the stream closed");
    const missed = [await reading(4), await reading(5)];
    await waitFor(() => received.length === 5, "the missed events, after the reconnection");
    const live = await reading(6);
    await waitFor(() => received.length === 6, "a live event after the replay");
    sub.unsubscribe();

    expect(received.map((r) => r.id)).toEqual([...first, ...missed, live].map(String));
    expect(received.map((r) => r.powerW)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(states).toContain("connecting");
  });

  it("hands the client a typed FORBIDDEN error for a topic the role may not follow", async () => {
    const error = await new Promise<TRPCClientError<AppRouter>>((resolve) => {
      const sub = client().live.subscribe.subscribe(
        { topic: "system" },
        {
          onError: (err) => {
            sub.unsubscribe();
            resolve(err);
          },
        },
      );
    });
    expect(error.data?.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/Not allowed to follow system/);
  });

  it("refuses bad input with the zod issues, serialised as tRPC does", async () => {
    const error = await new Promise<TRPCClientError<AppRouter>>((resolve) => {
      const sub = client().live.subscribe.subscribe(
        { topic: "energy", lastEventId: "not-a-number" },
        {
          onError: (err) => {
            sub.unsubscribe();
            resolve(err);
          },
        },
      );
    });
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.zodIssues?.[0]?.path).toEqual(["lastEventId"]);
  });
});
