import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A small HTTP API for campaigns to test: orders, a failing route, a slow one, a big body and one with a NUL. */
export async function startTestApi() {
  const requests: { method: string; url: string; authorization?: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "x-request-id": String(requests.length) });
        res.end(JSON.stringify(value));
      };
      if (req.method === "POST" && req.url === "/orders") return json(201, { id: 42, ...JSON.parse(body || "{}") });
      if (req.method === "GET" && req.url?.startsWith("/orders/")) return json(200, { id: Number(req.url.split("/")[2]), status: "open" });
      if (req.url === "/fail") return json(500, { error: "boom" });
      if (req.url === "/big") return json(200, { items: "x".repeat(50_000), last: true });
      if (req.url === "/slow") return void setTimeout(() => json(200, { slow: true }), 2_000);
      // Text PostgreSQL cannot store, as a broken server may send it.
      if (req.url === "/nul") return void res.writeHead(200, { "content-type": "text/plain" }).end("before\u0000after");
      json(404, { error: "not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
