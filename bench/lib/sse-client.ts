import { Agent, request } from "node:http";
import { encode } from "next-auth/jwt";

export type Subscription = { close(): void };

/** A session cookie for `userId`, minted as Auth.js would (the web server must share `secret`). */
export async function sessionCookie(userId: string, role: string, secret: string): Promise<string> {
  const token = await encode({ salt: "authjs.session-token", secret, token: { sub: userId, role, sv: 0, sid: crypto.randomUUID() } });
  return `authjs.session-token=${token}`;
}

/**
 * One tRPC live subscription over SSE, read as a browser's EventSource would: `onEvent` gets each
 * tracked event's id and data. A refused subscription throws (a benchmark must not count it as open).
 */
export function subscribeLive(baseUrl: string, cookie: string, topic: string, agent: Agent, onEvent: (id: string, data: string) => void, onOpen: () => void): Subscription {
  const input = encodeURIComponent(JSON.stringify({ json: { topic } }));
  const req = request(`${baseUrl}/api/trpc/live.subscribe?input=${input}`, { agent, headers: { cookie, accept: "text/event-stream" } }, (res) => {
    res.setEncoding("utf8");
    let buffer = "";
    res.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith("event: connected")) onOpen();
        if (block.startsWith("event: serialized-error")) throw new Error(`subscription refused: ${block}`);
        const lines = block.split("\n");
        const data = lines.find((l) => l.startsWith("data: "));
        const id = lines.find((l) => l.startsWith("id: "));
        if (data && id) onEvent(id.slice(4), data.slice(6));
      }
    });
  });
  req.on("error", () => {});
  req.end();
  return { close: () => req.destroy() };
}
