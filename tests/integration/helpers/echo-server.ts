import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deflateSync, gzipSync } from "node:zlib";

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
        case "": {
          if (url.pathname === "/") return send(200, echo());
          return send(404, { error: "not found" });
        }
        case "response-headers":
          return send(200, Object.fromEntries(url.searchParams), Object.fromEntries(url.searchParams));
        case "gzip":
        case "deflate": {
          const payload = Buffer.from(JSON.stringify({ [first === "gzip" ? "gzipped" : "deflated"]: true, headers: req.headers, method: req.method }));
          res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-encoding": first });
          return void res.end(first === "gzip" ? gzipSync(payload) : deflateSync(payload));
        }
        case "encoding":
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          return void res.end("<html><body><h1>Unicode Demo</h1><p>∮ E⋅da = Q,  n → ∞, ∑ f(i) = ∏ g(i) — ⌊x⌋ ¬a ∨ b ⇔ ⌈y⌉</p></body></html>");
        case "type": {
          const xml = second === "xml";
          res.writeHead(200, { "content-type": xml ? "application/xml; charset=utf-8" : "text/html; charset=utf-8" });
          return void res.end(
            xml ? '<?xml version="1.0" encoding="utf-8"?><_><foo>bar</foo></_>' : "<html><head><title>Echo</title></head><body>ok</body></html>",
          );
        }
        case "stream": {
          res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
          for (let i = 0; i < (Number(second) || 1); i++) res.write(`${JSON.stringify({ id: i, args: Object.fromEntries(url.searchParams) })}\n`);
          return void res.end();
        }
        case "redirect-to": {
          res.writeHead(Number(url.searchParams.get("status_code")) || 302, { location: url.searchParams.get("url") ?? "/" });
          return void res.end();
        }
        case "digest-auth":
          return digestAuth(req, res, send);
        case "auth":
          // Hawk: only that the request was signed (its MAC is not checked by this stand-in).
          return send(/^Hawk id="/.test(req.headers.authorization ?? "") ? 200 : 401, { status: "done", message: "Hawk Authentication Successful" });
        case "oauth1":
          return send(/oauth_signature="[^"]+"/.test(req.headers.authorization ?? "") || url.searchParams.has("oauth_signature") ? 200 : 401, {
            status: "pass",
            message: "OAuth-1.0a signature verification was successful",
          });
        case "oauth2":
          if (second === "token") return send(200, { access_token: "postman-echo-token", token_type: "Bearer" });
          return send(req.headers.authorization === "Bearer postman-echo-token" ? 200 : 401, { user_id: "postman" });
        case "basic-auth": {
          const ok = req.headers.authorization === `Basic ${Buffer.from("postman:password").toString("base64")}`;
          return send(ok ? 200 : 401, { authenticated: ok });
        }
        case "cookies":
          if (second === "delete")
            return send(
              200,
              { cookies: {} },
              { "set-cookie": [...url.searchParams.keys()].map((k) => `${k}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`) },
            );
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

/** What postman-echo answers about a body: `data`, `files`, `form` and `json`, by content type. */
function bodyOf(req: IncomingMessage, body: string) {
  const type = req.headers["content-type"] ?? "";
  const echoed = { data: body as unknown, files: {} as Record<string, string>, form: {} as Record<string, string | string[]>, json: null as unknown };
  const addField = (name: string, value: string) => {
    const before = echoed.form[name];
    echoed.form[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  };
  if (type.includes("application/json")) {
    try {
      echoed.json = JSON.parse(body) as unknown;
      echoed.data = echoed.json;
    } catch {
      // Not JSON after all: echoed as text.
    }
  } else if (type.includes("application/x-www-form-urlencoded")) {
    echoed.data = "";
    for (const [k, v] of new URLSearchParams(body)) addField(k, v);
    echoed.json = echoed.form;
  } else if (type.includes("multipart/form-data")) {
    echoed.data = "";
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
    for (const part of boundary ? body.split(`--${boundary[1] ?? boundary[2]}`) : []) {
      const split = part.indexOf("\r\n\r\n");
      if (split < 0) continue;
      const headers = part.slice(0, split);
      const value = part.slice(split + 4).replace(/\r\n$/, "");
      const name = /name="([^"]*)"/.exec(headers)?.[1] ?? "";
      const file = /filename="([^"]*)"/.exec(headers)?.[1];
      if (file !== undefined) echoed.files[file] = `data:application/octet-stream;base64,${Buffer.from(value).toString("base64")}`;
      else addField(name, value);
    }
  }
  return echoed;
}

/** postman-echo's /digest-auth: user "postman", password "password", realm "Users", checked as RFC 2617 does. */
function digestAuth(
  req: IncomingMessage,
  res: import("node:http").ServerResponse,
  send: (status: number, value: unknown, headers?: Record<string, string>) => void,
) {
  const nonce = "ni1LiL0O37PRRhofWdCLmwFsnEtH1lew";
  const header = req.headers.authorization ?? "";
  const fields = Object.fromEntries([...header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1]!, m[2] ?? m[3] ?? ""]));
  const md5 = (text: string) => createHash("md5").update(text).digest("hex");
  if (header.startsWith("Digest ") && fields.username === "postman") {
    const ha1 = md5(`postman:Users:password`);
    const ha2 = md5(`${req.method}:${fields.uri}`);
    const expected = fields.qop ? md5(`${ha1}:${fields.nonce}:${fields.nc}:${fields.cnonce}:${fields.qop}:${ha2}`) : md5(`${ha1}:${fields.nonce}:${ha2}`);
    if (fields.response === expected) return send(200, { authenticated: true });
  }
  res.setHeader("www-authenticate", `Digest realm="Users", nonce="${nonce}", qop="auth"`);
  return send(401, { authenticated: false });
}
