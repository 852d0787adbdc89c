import { type Agent, request } from "node:http";
import { encode } from "next-auth/jwt";

export type Subscription = { close(): void };

/** A session cookie for `userId`, minted as Auth.js would (the web server must share `secret`). */
export async function sessionCookie(userId: string, role: string, secret: string): Promise<string> {
  const token = await encode({ salt: "authjs.session-token", secret, token: { sub: userId, role, sv: 0, sid: crypto.randomUUID() } });
  return `authjs.session-token=${token}`;
}

/**
 * One tRPC live subscription over SSE, read as a browser's EventSource would: `onEvent` gets each
 * tracked event's id and data, and a stream that ends or fails is opened again with
 * `Last-Event-ID` (the server replays what was missed), as httpSubscriptionLink does. A refused
 * subscription throws (a benchmark must not count it as open). `onOpen` runs once, on the first
 * `connected`; `onReconnect` on each later one.
 */
export function subscribeLive(
  baseUrl: string,
  cookie: string,
  topic: string,
  agent: Agent,
  onEvent: (id: string, data: string) => void,
  onOpen: () => void,
  onReconnect: () => void = () => {},
): Subscription {
  const input = encodeURIComponent(JSON.stringify({ json: { topic } }));
  let lastEventId: string | null = null;
  let closed = false;
  let opened = false;
  let current: ReturnType<typeof request> | null = null;
  const open = () => {
    const headers: Record<string, string> = { cookie, accept: "text/event-stream" };
    if (lastEventId) headers["last-event-id"] = lastEventId;
    let retried = false;
    const retry = () => {
      if (closed || retried) return;
      retried = true;
      setTimeout(open, 200 + Math.random() * 300);
    };
    const req = request(`${baseUrl}/api/trpc/live.subscribe?input=${input}`, { agent, headers }, (res) => {
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith("event: connected")) {
            if (opened) onReconnect();
            else onOpen();
            opened = true;
          }
          if (block.startsWith("event: serialized-error")) throw new Error(`subscription refused: ${block}`);
          const lines = block.split("\n");
          const data = lines.find((l) => l.startsWith("data: "));
          const id = lines.find((l) => l.startsWith("id: "));
          if (data && id) {
            lastEventId = id.slice(4);
            onEvent(lastEventId, data.slice(6));
          }
        }
      });
      res.on("end", retry);
      res.on("error", retry);
    });
    req.on("error", retry);
    req.end();
    current = req;
  };
  open();
  return {
    close: () => {
      closed = true;
      current?.destroy();
    },
  };
}
