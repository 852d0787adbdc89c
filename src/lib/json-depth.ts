/**
 * How deep any input Vigie takes may nest (objects and arrays): deeper than any form or file it
 * reads (a Postman collection 64 folders deep is about 140 levels), shallow enough for every
 * recursive reader after the check (schemas, JSON.stringify, postman-collection).
 */
export const MAX_INPUT_DEPTH = 200;

/**
 * Whether a parsed JSON value nests objects and arrays more than `max` levels deep, found without
 * recursion: a body nested thousands deep exhausts the stack of every recursive reader after it
 * (schemas, JSON.stringify), which answered a bad request with a server error.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length) {
    const [container, depth] = pending.pop()!;
    if (container === null || typeof container !== "object") continue;
    if (depth > max) return true;
    for (const child of Array.isArray(container) ? container : Object.values(container))
      if (child !== null && typeof child === "object") pending.push([child, depth + 1]);
  }
  return false;
}
