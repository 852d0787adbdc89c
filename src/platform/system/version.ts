import { readFileSync } from "node:fs";

/** Vigie's version, from package.json (shown with each worker on the Système page). */
export const packageVersion: string = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")).version;
