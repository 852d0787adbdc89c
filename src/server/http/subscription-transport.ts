import type { IncomingMessage, ServerResponse } from "node:http";
import { callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape, isTrackedEnvelope, TRPCError, type AnyTRPCRouter } from "@trpc/server";

/**
 * Serves tRPC subscriptions as server-sent events straight on Node's HTTP server, speaking the
 * wire protocol of tRPC's own SSE producer (what `httpSubscriptionLink` consumes: `connected`,
 * `ping`, `id:`/`data:` messages, `serialized-error`, `return`). The procedure itself runs through
 * tRPC unchanged (middlewares, roles, input validation); only the transport is lighter: a plain
 * loop writing to the socket, where Next.js's route handler and tRPC's web-stream producer
 * together hold about 150 KB per open connection (see README, "Figures").
 */
export type SubscriptionTransportOptions<TContext> = {
  router: AnyTRPCRouter;
  createContext: (req: IncomingMessage) => Promise<TContext>;
  pingIntervalMs: number;
  reconnectAfterInactivityMs: number;
  onError?: (path: string, error: unknown) => void;
};

const endpoint = "/api/trpc/";

/** The procedure path when `req` is a subscription request (GET on a subscription procedure). */
export function subscriptionPath(router: AnyTRPCRouter, req: IncomingMessage): string | null {
  if (req.method !== "GET" || !req.url?.startsWith(endpoint)) return null;
  const path = decodeURIComponent(req.url.slice(endpoint.length).split("?")[0]!);
  const procedure = (router._def.procedures as Record<string, { _def: { type: string } }>)[path];
  return procedure?._def.type === "subscription" ? path : null;
}

export function createSubscriptionTransport<TContext>(options: SubscriptionTransportOptions<TContext>) {
  const config = options.router._def._config;
  const serialize = (value: unknown) => JSON.stringify(config.transformer.output.serialize(value));
  // An event fanned out to many subscribers is one object: serialised once, not once per stream.
  const serialized = new WeakMap<object, string>();
  const serializeShared = (value: unknown): string => {
    if (value === null || typeof value !== "object" || !Object.isFrozen(value)) return serialize(value);
    let text = serialized.get(value);
    if (text === undefined) {
      text = serialize(value);
      serialized.set(value, text);
    }
    return text;
  };
  const open = new Set<ServerResponse>();
  // One timer pings every open stream, instead of one timer per connection.
  const pinger = setInterval(() => {
    for (const res of open) res.write("event: ping\ndata: \n\n");
  }, options.pingIntervalMs);
  pinger.unref();

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    });
    open.add(res);
    let connected = false;
    const announceConnected = () => {
      if (connected) return;
      connected = true;
      res.write(`event: connected\ndata: ${JSON.stringify({ reconnectAfterInactivityMs: options.reconnectAfterInactivityMs })}\n\n`);
    };
    let input: unknown;
    let ctx: TContext | undefined;
    try {
      input = parseInput(req, (value) => config.transformer.input.deserialize(value));
      ctx = await options.createContext(req);
      const iterable = (await callTRPCProcedure({
        router: options.router,
        path,
        getRawInput: async () => input,
        ctx,
        type: "subscription",
        signal: abort.signal,
        batchIndex: 0,
      })) as AsyncIterable<unknown>;
      const iterator = iterable[Symbol.asyncIterator]();
      // Starting the iterator registers the subscription (the hub does it before its first await):
      // "connected" then means that nothing published from now on can be missed.
      let pending = iterator.next();
      announceConnected();
      for (;;) {
        const step = await pending;
        if (step.done) break;
        const item = step.value;
        const frame = isTrackedEnvelope(item) ? `id: ${item[0]}\ndata: ${serializeShared(item[1])}\n\n` : `data: ${serializeShared(item)}\n\n`;
        // Backpressure: a slow client stops the loop instead of growing a buffer.
        if (!res.write(frame)) await drained(res);
        if (abort.signal.aborted) break;
        pending = iterator.next();
      }
      await iterator.return?.();
      if (!abort.signal.aborted) res.write("event: return\ndata: \n\n");
    } catch (cause) {
      if (!abort.signal.aborted) {
        announceConnected();
        const error = getTRPCErrorFromUnknown(cause);
        if (error.code === "INTERNAL_SERVER_ERROR") options.onError?.(path, cause);
        const shape = getTRPCErrorShape({ config, error, type: "subscription", path, input, ctx });
        res.write(`event: serialized-error\ndata: ${serialize(shape)}\n\n`);
      }
    } finally {
      open.delete(res);
      res.end();
    }
  }

  return {
    handle,
    get openStreams() {
      return open.size;
    },
    close: () => clearInterval(pinger),
  };
}

/** Resolves when `res` can take more, or is closed; removes both listeners either way (no leak per wait). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** `input` is transformer-serialized JSON in the query; the browser's Last-Event-ID joins it. */
function parseInput(req: IncomingMessage, deserialize: (value: unknown) => unknown): unknown {
  const url = new URL(req.url!, "http://localhost");
  const raw = url.searchParams.get("input");
  let input: unknown;
  try {
    input = raw === null ? undefined : deserialize(JSON.parse(raw));
  } catch (cause) {
    throw new TRPCError({ code: "PARSE_ERROR", message: "input is not valid JSON", cause });
  }
  const lastEventId = (req.headers["last-event-id"] as string | undefined) ?? url.searchParams.get("lastEventId");
  if (lastEventId && input && typeof input === "object") input = { ...input, lastEventId };
  return input;
}
