import http from "node:http";
import { request } from "@playwright/test";
const ka = Number(process.argv[2] ?? 5000);
const server = http.createServer((req, res) => res.end("ok"));
server.keepAliveTimeout = ka;
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const ctx = await request.newContext({ baseURL: `http://127.0.0.1:${server.address().port}` });
let fails = 0, n = 0;
for (let idle = 4800; idle <= 6400; idle += 40) {
  await ctx.get("/");
  await new Promise((r) => setTimeout(r, idle));
  n++;
  try { await ctx.get("/"); } catch (e) { fails++; console.log("idle", idle, String(e.message).split("\n")[0]); }
}
console.log({ ka, n, fails });
await ctx.dispose(); server.close();
