import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { initTRPC, tracked } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubscriptionTransport, subscriptionPath } from "../../src/server/http/subscription-transport";

const EVENTS = 400;
const PAD = "x".repeat(64 * 1024);

const t = initTRPC.create();
const router = t.router({
  burst: t.procedure.subscription(async function* () {
    for (let i = 1; i <= EVENTS; i++) yield tracked(String(i), { i, pad: PAD });
  }),
});

let server: Server;
let url: string;
const transport = createSubscriptionTransport({ router, createContext: async () => ({}), pingIntervalMs: 60_000, reconnectAfterInactivityMs: 120_000 });

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = subscriptionPath(router, req);
    if (path) void transport.handle(req, res, path);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  transport.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("the SSE transport", () => {
  it("waits for a slow client without piling up listeners, and delivers every event once", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const ids = await new Promise<string[]>((resolve, reject) => {
        const req = request(`${url}/api/trpc/burst`, { headers: { accept: "text/event-stream" } }, (res) => {
          res.setEncoding("utf8");
          const seen: string[] = [];
          let buffer = "";
          res.on("data", (chunk: string) => {
            buffer += chunk;
            for (let end = buffer.indexOf("\n\n"); end >= 0; buffer = buffer.slice(end + 2), end = buffer.indexOf("\n\n")) {
              const id = /^id: (\d+)$/m.exec(buffer.slice(0, end))?.[1];
              if (id) seen.push(id);
            }
            // A slow reader: the server's writes fill the socket and wait for it to drain, again and again.
            res.pause();
            setTimeout(() => res.resume(), 2);
          });
          res.on("end", () => resolve(seen));
          res.on("error", reject);
        });
        req.on("error", reject);
        req.end();
      });
      expect(ids).toEqual(Array.from({ length: EVENTS }, (_, i) => String(i + 1)));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning").map((w) => w.message)).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
