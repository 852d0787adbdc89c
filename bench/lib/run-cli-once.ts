/**
 * Vigie's CLI on a collection file (`npm run campaign -- run <file>`), in a process of its own.
 * Args: <collection.json>. Its own output is silenced; prints JSON.
 */
import { runCollectionFile } from "../../scripts/lib/run-collection-file";

const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
const log = console.log;
console.log = () => undefined;
const started = performance.now();
const code = await runCollectionFile([process.argv[2]!]);
const ms = performance.now() - started;
log(JSON.stringify({ ms, failed: code, maxRssKb: process.resourceUsage().maxRSS, rssBeforeKb }));
