import { z } from "zod";
import type { CampaignInput } from "./schemas";

/** Postman Collection v2.1, as much of it as an import reads; the rest is passed through untyped. */
const urlSchema = z.union([
  z.string(),
  z
    .object({
      raw: z.string().optional(),
      host: z.array(z.string()).optional(),
      path: z.array(z.string()).optional(),
      query: z.array(z.object({ key: z.string().nullish(), value: z.string().nullish(), disabled: z.boolean().optional() })).optional(),
    })
    .passthrough(),
]);
const requestSchema = z.union([
  z.string(),
  z
    .object({
      method: z.string().default("GET"),
      url: urlSchema.optional(),
      header: z.array(z.object({ key: z.string(), value: z.string().default(""), disabled: z.boolean().optional() })).default([]),
      body: z
        .object({
          mode: z.string().optional(),
          raw: z.string().optional(),
          urlencoded: z.array(z.object({ key: z.string(), value: z.string().default(""), disabled: z.boolean().optional() })).optional(),
          options: z.unknown().optional(),
        })
        .passthrough()
        .optional(),
      auth: z.object({ type: z.string() }).passthrough().optional(),
    })
    .passthrough(),
]);
const eventSchema = z
  .object({
    listen: z.string(),
    script: z
      .object({ exec: z.union([z.array(z.string()), z.string()]).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
type Item = { name?: string; item?: Item[]; request?: z.infer<typeof requestSchema>; event?: z.infer<typeof eventSchema>[] };
const itemSchema: z.ZodType<Item> = z.lazy(() =>
  z
    .object({ name: z.string().optional(), item: z.array(itemSchema).optional(), request: requestSchema.optional(), event: z.array(eventSchema).optional() })
    .passthrough(),
);
export const postmanCollectionSchema = z.object({
  info: z.object({ name: z.string(), schema: z.string().optional() }).passthrough(),
  item: z.array(itemSchema),
  auth: z.object({ type: z.string() }).passthrough().optional(),
  event: z.array(eventSchema).optional(),
});

export type ImportNote = { item: string; what: string };
export type PostmanImport = { campaign: CampaignInput; notConverted: ImportNote[] };

const STATUS_TESTS = [
  /pm\.response\.to\.have\.status\((\d{3})\)/,
  /pm\.expect\(pm\.response\.code\)\.to\.(?:eql|equal|be\.equal|eq)\((\d{3})\)/,
  /responseCode\.code\s*===?\s*(\d{3})/,
];
const BOILERPLATE = /^\s*(?:\/\/.*)?$|^\s*pm\.test\(.*function\s*\(\)\s*\{\s*$|^\s*pm\.test\(.*\(\)\s*=>\s*\{\s*$|^\s*\}\);?\s*$/;

function urlOf(url: z.infer<typeof urlSchema> | undefined): string {
  if (!url) return "";
  if (typeof url === "string") return url;
  if (url.raw) return url.raw;
  const query = (url.query ?? [])
    .filter((q) => !q.disabled && q.key)
    .map((q) => `${q.key}=${q.value ?? ""}`)
    .join("&");
  return `${(url.host ?? []).join(".")}/${(url.path ?? []).join("/")}${query ? `?${query}` : ""}`;
}

function bearerHeader(auth: { type: string; bearer?: unknown } | undefined): string | null {
  if (auth?.type !== "bearer" || !Array.isArray(auth.bearer)) return null;
  const token = (auth.bearer as { key: string; value: string }[]).find((b) => b.key === "token");
  return token ? `Bearer ${token.value}` : null;
}

/**
 * A Postman collection as a campaign: each folder a test (nested folders flattened as "A / B"),
 * each request at the top level its own test, each request an http action; `{{var}}` kept;
 * simple status-code tests become status assertions. Everything else (other scripts, auth types,
 * file uploads) is listed in `notConverted`, never dropped silently.
 */
export function convertPostmanCollection(raw: unknown): PostmanImport {
  const collection = postmanCollectionSchema.parse(raw);
  const notConverted: ImportNote[] = [];
  const tests: CampaignInput["tests"] = [];
  const collectionAuth = bearerHeader(collection.auth as never);
  if (collection.auth && !collectionAuth && collection.auth.type !== "noauth")
    notConverted.push({ item: collection.info.name, what: `collection auth "${collection.auth.type}"` });
  for (const e of collection.event ?? [])
    if ((Array.isArray(e.script?.exec) ? e.script.exec.join("") : (e.script?.exec ?? "")).trim())
      notConverted.push({ item: collection.info.name, what: `collection ${e.listen} script` });

  const toAction = (item: Item, path: string) => {
    const request =
      typeof item.request === "string"
        ? { method: "GET", url: item.request, header: [] as { key: string; value: string; disabled?: boolean }[] }
        : item.request!;
    const headers: Record<string, string> = {};
    for (const h of request.header ?? []) if (!h.disabled) headers[h.key] = h.value;
    const auth = "auth" in request ? (request.auth as { type: string } | undefined) : undefined;
    const bearer = bearerHeader(auth as never) ?? (auth ? null : collectionAuth);
    if (bearer && !Object.keys(headers).some((k) => k.toLowerCase() === "authorization")) headers.Authorization = bearer;
    if (auth && !bearerHeader(auth as never) && auth.type !== "noauth") notConverted.push({ item: path, what: `auth "${auth.type}"` });
    const params: Record<string, unknown> = { method: (request.method ?? "GET").toUpperCase(), url: urlOf(request.url as never), headers };
    const body = "body" in request ? request.body : undefined;
    if (body?.mode === "raw" && body.raw) {
      const json = (() => {
        try {
          return JSON.parse(body.raw!);
        } catch {
          return undefined;
        }
      })();
      params.body =
        json !== undefined && /json/i.test(JSON.stringify(body.options ?? "") + (headers["Content-Type"] ?? headers["content-type"] ?? ""))
          ? { type: "json", value: json }
          : { type: "text", value: body.raw, contentType: headers["Content-Type"] ?? headers["content-type"] ?? "text/plain" };
    } else if (body?.mode === "urlencoded") {
      params.body = { type: "form", value: Object.fromEntries((body.urlencoded ?? []).filter((f) => !f.disabled).map((f) => [f.key, f.value])) };
    } else if (body?.mode && body.mode !== "none") notConverted.push({ item: path, what: `body mode "${body.mode}"` });

    const assertions: unknown[] = [];
    for (const event of item.event ?? []) {
      const lines = Array.isArray(event.script?.exec) ? event.script.exec : (event.script?.exec ?? "").split("\n");
      if (event.listen !== "test") {
        if (lines.join("").trim()) notConverted.push({ item: path, what: `${event.listen} script` });
        continue;
      }
      for (const line of lines) {
        const status = STATUS_TESTS.map((re) => re.exec(line)?.[1]).find(Boolean);
        if (status) assertions.push({ kind: "status", expected: Number(status) });
        else if (!BOILERPLATE.test(line)) notConverted.push({ item: path, what: `test script line: ${line.trim().slice(0, 120)}` });
      }
    }
    if (assertions.length) params.assertions = assertions;
    return { type: "http", name: item.name ?? "", params };
  };

  const walk = (items: Item[], prefix: string[]) => {
    const loose: Item[] = [];
    for (const item of items) {
      if (item.item) {
        const name = [...prefix, item.name ?? "folder"];
        const requests = item.item.filter((i) => !i.item && i.request);
        if (requests.length) tests.push({ name: name.join(" / "), actions: requests.map((r) => toAction(r, [...name, r.name ?? ""].join(" / "))) });
        walk(
          item.item.filter((i) => i.item),
          name,
        );
        for (const e of item.event ?? [])
          if ((Array.isArray(e.script?.exec) ? e.script.exec.join("") : (e.script?.exec ?? "")).trim())
            notConverted.push({ item: name.join(" / "), what: `folder ${e.listen} script` });
      } else if (item.request) loose.push(item);
    }
    if (!prefix.length) for (const item of loose) tests.push({ name: item.name ?? "request", actions: [toAction(item, item.name ?? "request")] });
  };
  walk(collection.item, []);
  return { campaign: { name: collection.info.name, description: "Imported from a Postman collection", tests }, notConverted };
}
