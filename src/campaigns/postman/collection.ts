import transformer from "postman-collection-transformer";
import { z } from "zod";
import { MAX_INPUT_DEPTH, nestsDeeperThan } from "../../lib/json-depth";
import { DomainError } from "../../platform/errors";

/**
 * A Postman collection (v2.0 or v2.1) as far as Vigie needs to check it: its name and its items
 * (folders and requests, any depth). Everything else is kept as it is, for postman-runtime.
 */
type RawItem = { name?: string; item?: RawItem[]; request?: unknown; event?: unknown };
const itemSchema: z.ZodType<RawItem> = z.lazy(() =>
  z.looseObject({
    name: z.string().max(1000).optional(),
    item: z.array(itemSchema).optional(),
    request: z.union([z.string(), z.looseObject({})]).optional(),
    // A list, or a single event object: postman-collection accepts both.
    event: z.unknown().optional(),
  }),
);
export const postmanCollectionSchema = z.looseObject({
  info: z.looseObject({ name: z.string().trim().max(200).default(""), schema: z.string().optional() }).default({ name: "" }),
  item: z.array(itemSchema),
});
export type PostmanCollection = z.infer<typeof postmanCollectionSchema>;

/** A v1 collection (`order` and `requests`), the format Postman exported before 2016. */
const isV1Collection = (raw: unknown): raw is { name: string } =>
  typeof raw === "object" && raw !== null && "requests" in raw && "order" in raw && "name" in raw;

/**
 * A collection in the v2 format postman-runtime runs: v2.0 and v2.1 as they are, v1 converted as
 * Newman converts it (postman-collection-transformer). Null when it is no collection at all; one
 * nested beyond MAX_INPUT_DEPTH (thousands of folders ran every recursive walk out of stack) is
 * refused with its own error.
 */
export function toCollectionV2(raw: unknown): { collection: PostmanCollection; fromV1: boolean } | null {
  let definition = raw;
  const fromV1 = isV1Collection(raw);
  if (fromV1)
    transformer.convert(raw, { inputVersion: "1.0.0", outputVersion: "2.1.0" }, (err, converted) => {
      definition = err ? null : converted;
    });
  if (nestsDeeperThan(definition, MAX_INPUT_DEPTH))
    throw new DomainError("BAD_REQUEST", "collection_too_deep", `This collection is nested more than ${MAX_INPUT_DEPTH} levels deep.`, {
      params: { max: MAX_INPUT_DEPTH },
    });
  const parsed = postmanCollectionSchema.safeParse(definition);
  return parsed.success ? { collection: parsed.data, fromV1 } : null;
}

/** Why an import note was written, with the facts the UI writes it from in the reader's language. */
export type ImportNoteFacts =
  | { code: "unknown_auth"; params: { auth: string } }
  | { code: "script_in_file"; params: { listen: string; src: string } }
  | { code: "no_request"; params: Record<string, never> }
  | { code: "uploads_file"; params: { src: string } }
  | { code: "form_uploads_file"; params: { field: string; src: string } };
/** Something an import could not keep: where, why (by code), and the same in English for the CLI and API clients. */
export type ImportNote = ImportNoteFacts & { item: string; what: string };

export const importNoteEnglish: { [K in ImportNoteFacts["code"]]: (p: Extract<ImportNoteFacts, { code: K }>["params"]) => string } = {
  unknown_auth: (p) => `auth "${p.auth}" is unknown to Postman's engine: sent without it`,
  script_in_file: (p) => `the ${p.listen} script is in a separate file (${p.src}): not run`,
  no_request: () => "no request: nothing to run",
  uploads_file: (p) => `uploads the file ${p.src}, which is not in the collection: sent without it`,
  form_uploads_file: (p) => `form field "${p.field}" uploads ${p.src}, which is not in the collection: sent without it`,
};
const note = (item: string, facts: ImportNoteFacts): ImportNote => ({
  item,
  ...facts,
  what: (importNoteEnglish[facts.code] as (p: unknown) => string)(facts.params),
});
/** One request of a collection, in the order postman-runtime runs them. */
export type CollectionRequest = { path: string; method: string; url: string; scripts: number };

type RawRequest = {
  method?: string;
  url?: string | { raw?: string; host?: string | string[]; path?: string | string[] };
  auth?: { type?: string };
  body?: { mode?: string; file?: { src?: unknown }; formdata?: { type?: string; src?: unknown; key?: string; disabled?: boolean }[] };
};

/** Auth types postman-runtime signs requests with. */
const AUTH_TYPES = new Set(["noauth", "apikey", "awsv4", "basic", "bearer", "digest", "edgegrid", "hawk", "ntlm", "oauth1", "oauth2", "jwt", "asap"]);

function urlText(url: RawRequest["url"]): string {
  if (!url) return "";
  if (typeof url === "string") return url;
  if (url.raw) return url.raw;
  const host = Array.isArray(url.host) ? url.host.join(".") : (url.host ?? "");
  const path = Array.isArray(url.path) ? url.path.join("/") : (url.path ?? "");
  return path ? `${host}/${path}` : host;
}

const eventsOf = (events: unknown): unknown[] => (Array.isArray(events) ? events : events ? [events] : []);

function scriptCount(events: unknown): number {
  return eventsOf(events).filter((e) => {
    const exec = (e as { script?: { exec?: unknown } }).script?.exec;
    return Array.isArray(exec) ? exec.join("").trim() !== "" : typeof exec === "string" && exec.trim() !== "";
  }).length;
}

/** Walks items in run order: a folder's requests and sub-folders in file order, top-level requests in their place. */
function walk(items: RawItem[], parents: string[], visit: (item: RawItem, path: string[], isFolder: boolean) => void) {
  for (const item of items) {
    const path = [...parents, item.name ?? ""];
    if (item.item) {
      visit(item, path, true);
      walk(item.item, path, visit);
    } else visit(item, path, false);
  }
}

/** The requests of a collection, as its page lists them. */
export function collectionRequests(collection: PostmanCollection): CollectionRequest[] {
  const requests: CollectionRequest[] = [];
  walk(collection.item, [], (item, path, isFolder) => {
    if (isFolder || item.request === undefined) return;
    const request: RawRequest = typeof item.request === "string" ? { url: item.request } : (item.request as RawRequest);
    requests.push({ path: path.join(" / "), method: (request.method ?? "GET").toUpperCase(), url: urlText(request.url), scripts: scriptCount(item.event) });
  });
  return requests;
}

/**
 * What a run of this collection in Vigie cannot do as Postman would: files it uploads (they are on
 * the author's disk, not in the collection), scripts kept in other files, auth types the runtime
 * does not know, items without a request.
 */
export function collectionImportNotes(collection: PostmanCollection): ImportNote[] {
  const notes: ImportNote[] = [];
  const authNote = (where: string, auth: { type?: string } | undefined) => {
    if (auth?.type && !AUTH_TYPES.has(auth.type)) notes.push(note(where, { code: "unknown_auth", params: { auth: auth.type } }));
  };
  const scriptNotes = (where: string, events: unknown) => {
    for (const e of eventsOf(events)) {
      const script = (e as { listen?: string; script?: { src?: unknown; exec?: unknown } }).script;
      if (script?.src && !script.exec)
        notes.push(note(where, { code: "script_in_file", params: { listen: (e as { listen?: string }).listen ?? "", src: String(script.src) } }));
    }
  };
  authNote(collection.info.name, collection.auth as { type?: string } | undefined);
  scriptNotes(collection.info.name, collection.event);
  walk(collection.item, [], (item, path, isFolder) => {
    const where = path.join(" / ");
    scriptNotes(where, item.event);
    if (isFolder) return authNote(where, (item as { auth?: { type?: string } }).auth);
    if (item.request === undefined) return notes.push(note(where, { code: "no_request", params: {} }));
    if (typeof item.request === "string") return;
    const request = item.request as RawRequest;
    authNote(where, request.auth);
    if (request.body?.mode === "file" && request.body.file?.src)
      notes.push(note(where, { code: "uploads_file", params: { src: String(request.body.file.src) } }));
    if (request.body?.mode === "formdata")
      for (const field of request.body.formdata ?? [])
        if (field.type === "file" && field.src && !field.disabled)
          notes.push(note(where, { code: "form_uploads_file", params: { field: field.key ?? "", src: String(field.src) } }));
  });
  return notes;
}

/** The collection's description, whichever of Postman's two shapes it has. */
export function collectionDescription(collection: PostmanCollection): string {
  const d = collection.info.description as string | { content?: string } | undefined;
  return (typeof d === "string" ? d : (d?.content ?? "")).slice(0, 5000);
}
