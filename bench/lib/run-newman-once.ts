/** Newman on a collection file, in a process of its own. Args: <collection.json>. Prints JSON. */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const newman = require("newman");
const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
const started = performance.now();
newman.run(
  { collection: require(process.argv[2]!), reporters: [] },
  (err: Error | null, summary: { run: { stats: { requests: { total: number; failed: number }; assertions: { failed: number } } } }) => {
    if (err) throw err;
    const ms = performance.now() - started;
    const s = summary.run.stats;
    console.log(
      JSON.stringify({
        ms,
        requests: s.requests.total,
        failed: s.requests.failed + s.assertions.failed,
        maxRssKb: process.resourceUsage().maxRSS,
        rssBeforeKb,
      }),
    );
  },
);
