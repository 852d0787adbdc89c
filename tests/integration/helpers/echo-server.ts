import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for postman-echo.com, for the collections the campaign tests run: it answers
 * what it received (args, headers, body, form, json) on the routes those collections call, and
 * counts the requests it got.
 */
export async function startEchoServer() {
  const received: { method: string; path: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://echo");
      received.push({ method: req.method ?? "GET", path: url.pathname });
      const body = Buffer.concat(chunks).toString("utf8");
      const send = (status: number, value: unknown, headers: Record<string, string | string[]> = {}) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
        res.end(JSON.stringify(value));
      };
      const echo = () => ({
        args: Object.fromEntries(url.searchParams),
        headers: req.headers,
        url: `http://${req.headers.host}${req.url}`,
        ...bodyOf(req, body),
      });
      const [, first, second] = url.pathname.split("/");
      switch (first) {
        case "get":
        case "post":
        case "put":
        case "patch":
        case "delete":
          return send(200, echo());
        case "headers":
          return send(200, { headers: req.headers });
        case "status":
          return send(Number(second) || 200, { status: Number(second) || 200 });
        case "delay":
          return void setTimeout(() => send(200, { delay: second }), Number(second) * 1000);
        case "basic-auth": {
          const ok = req.headers.authorization === `Basic ${Buffer.from("postman:password").toString("base64")}`;
          return send(ok ? 200 : 401, { authenticated: ok });
        }
        case "cookies":
          if (second === "set")
            return send(200, { cookies: Object.fromEntries(url.searchParams) }, { "set-cookie": [...url.searchParams].map(([k, v]) => `${k}=${v}; Path=/`) });
          return send(200, {
            cookies: Object.fromEntries(
              (req.headers.cookie ?? "")
                .split(/;\s*/)
                .filter(Boolean)
                .map((c) => c.split("=") as [string, string]),
            ),
          });
        default:
          return send(404, { error: "not found" });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function bodyOf(req: IncomingMessage, body: string) {
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) {
    try {
      return { data: body, json: JSON.parse(body) as unknown };
    } catch {
      return { data: body, json: null };
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) return { data: "", form: Object.fromEntries(new URLSearchParams(body)) };
  return { data: body };
}
