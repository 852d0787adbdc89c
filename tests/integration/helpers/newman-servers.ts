import { createServer as createHttpServer } from "node:http";
import { type AddressInfo, createServer, type Server } from "node:net";

/**
 * The two local servers Newman's own integration collections call (written from what those
 * collections expect): a raw echo that answers the request message as it came, bytes and all
 * (custom methods, bodies on GET, unusual URLs), and a redirect server (`/<n>` hops, `/status/<code>`).
 */
export async function startNewmanServers() {
  const received: string[] = [];
  const raw: Server = createServer((socket) => {
    let data = "";
    let answered = false;
    socket.on("data", (chunk: Buffer) => {
      data += chunk.toString("latin1");
      if (answered) return;
      answered = true;
      received.push("raw");
      // Waits for the whole message (a body may come in a later packet), as a real raw echo would.
      setTimeout(() => {
        socket.write(`HTTP/1.1 200 ok\r\nconnection: close\r\ncontent-type: text/plain\r\nraw-request: ${JSON.stringify(data)}\r\n\r\n`);
        if (!data.startsWith("HEAD ")) socket.write(data);
        socket.end();
      }, 200);
    });
    socket.on("error", () => undefined);
  });
  const redirect = createHttpServer((req, res) => {
    received.push("redirect");
    const hops = /^\/(\d+)$/.exec(req.url ?? "");
    if (hops) {
      const left = Number(hops[1]) - 1;
      res.writeHead(302, { location: left > 0 ? `/${left}` : "/" });
      return res.end();
    }
    const status = /^\/status\/(\d{3})$/.exec(req.url ?? "");
    if (status) {
      res.writeHead(Number(status[1]), { location: "/" });
      return res.end();
    }
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      res.writeHead(200, { connection: "close", "content-type": "application/json" });
      res.end(JSON.stringify({ url: req.url, method: req.method, headers: req.headers, data: body }));
    });
  });
  await Promise.all([new Promise<void>((r) => raw.listen(0, "127.0.0.1", r)), new Promise<void>((r) => redirect.listen(0, "127.0.0.1", r))]);
  return {
    rawHost: `127.0.0.1:${(raw.address() as AddressInfo).port}`,
    redirectHost: `127.0.0.1:${(redirect.address() as AddressInfo).port}`,
    received,
    close: () => Promise.all([new Promise<void>((r) => raw.close(() => r())), new Promise<void>((r) => redirect.close(() => r()))]),
  };
}
