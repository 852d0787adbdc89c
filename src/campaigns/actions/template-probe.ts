/**
 * Parameters as they may look once their variables are resolved, to check them before a run:
 * every {{variable}} stands for "x", and a URL that starts with one gets a placeholder origin.
 */
export function templateProbe(params: unknown): Record<string, unknown> {
  const probe = JSON.parse(JSON.stringify(params ?? {}).replace(/\{\{[^}]*\}\}/g, "x"));
  if (typeof probe?.url === "string" && !/^https?:\/\//.test(probe.url)) probe.url = `http://x/${probe.url}`;
  return probe;
}
