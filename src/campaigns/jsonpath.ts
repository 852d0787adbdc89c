/**
 * The JSONPath subset tests need: `$`, `.name`, `['name']`, `[0]`, `[-1]`. Returns undefined when
 * the path does not exist; throws on a path it cannot parse.
 */
export function jsonPath(document: unknown, path: string): unknown {
  if (!path.startsWith("$")) throw new Error(`JSONPath must start with $: ${path}`);
  const steps: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let at = 1;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m) throw new Error(`cannot parse JSONPath ${path} at "${path.slice(at)}"`);
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4])!));
    at = re.lastIndex;
  }
  let node: unknown = document;
  for (const step of steps) {
    if (typeof step === "number") {
      if (!Array.isArray(node)) return undefined;
      node = node[step < 0 ? node.length + step : step];
    } else {
      if (!node || typeof node !== "object") return undefined;
      node = (node as Record<string, unknown>)[step];
    }
  }
  return node;
}
