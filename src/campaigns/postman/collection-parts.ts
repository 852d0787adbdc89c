import type { PostmanCollection } from "./collection";

type RawNode = { item?: RawNode[] };

/**
 * Requests per part of a long collection. postman-runtime holds the whole collection as
 * postman-collection objects for the length of a run (about 2 KB a request): run in parts, a
 * 10,000-request collection needs the memory of a 1,000-request one.
 */
export const REQUESTS_PER_PART = 1000;

/** What a run may be cut by: its options as far as they decide it. */
export type PartsOptions = { iterationCount?: number; iterationData?: unknown[]; folders?: string[]; timeoutMs?: number };

/**
 * A run can go part after part when no request can be reached but by going on in order: one
 * iteration (the runtime numbers each part's iteration from 0), the whole collection (not
 * `--folder`), no time limit for the whole run, and no script naming the next request to run
 * (`setNextRequest` may jump to any request, in any part).
 */
export function runsInParts(collection: PostmanCollection, options: PartsOptions): boolean {
  return (
    (options.iterationCount ?? 1) <= 1 &&
    (options.iterationData?.length ?? 0) <= 1 &&
    !options.folders?.length &&
    !options.timeoutMs &&
    !JSON.stringify(collection).includes("setNextRequest")
  );
}

function countRequests(items: RawNode[]): number {
  let n = 0;
  for (const item of items) n += Array.isArray(item.item) ? countRequests(item.item) : 1;
  return n;
}

/** The items holding requests `from` (inclusive) to `to` (exclusive) in run order, each folder kept whole but for its items. */
function itemsBetween(items: RawNode[], from: number, to: number, start: number): { kept: RawNode[]; end: number } {
  const kept: RawNode[] = [];
  let at = start;
  for (const item of items) {
    if (at >= to) break;
    if (Array.isArray(item.item)) {
      const inner = itemsBetween(item.item, from, to, at);
      if (inner.kept.length > 0) kept.push({ ...item, item: inner.kept });
      at = inner.end;
    } else {
      if (at >= from) kept.push(item);
      at++;
    }
  }
  return { kept, end: at };
}

/**
 * The collection as consecutive parts of at most `size` requests, in run order (a folder's requests
 * and sub-folders in file order). Each part keeps the collection's own fields (variables, auth,
 * scripts) and, above its requests, their folders with their auth and scripts. Made one at a time:
 * only the part being run is held as the runtime's objects.
 */
export function* collectionParts(collection: PostmanCollection, size: number): Generator<PostmanCollection> {
  const total = countRequests(collection.item);
  if (total <= size) {
    yield collection;
    return;
  }
  for (let from = 0; from < total; from += size)
    yield { ...collection, item: itemsBetween(collection.item, from, from + size, 0).kept as PostmanCollection["item"] };
}
