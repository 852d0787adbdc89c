/**
 * Two fixes to postman-runtime 7.56.1, applied after each install (the Newman parity test checks
 * that verdicts are unchanged; bench:campaigns prints their effect). Refuses to touch another
 * version of the files.
 *
 * - It hands every finished instruction to the next with setTimeout(…, 0): at least a millisecond
 *   of idle each, about ten per request, which made a run of a local collection mostly waiting
 *   (13 ms per request, 5 of them running). setImmediate keeps the hand-off asynchronous, in the
 *   same order, without the timer's delay (measured: 13.2 → 7.8 ms per request).
 * - Each script execution adds a listener for `pm.execution.runRequest` to the sandbox and, alone
 *   of the ten it adds, never removes it: a run's memory grew by one closure per script run
 *   (3 MB over 10,000 requests).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = dirname(require.resolve("postman-runtime/package.json"));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const MARK = "// patched by Vigie (scripts/postinstall/patch-postman-runtime.mjs)";
const patches = [
  {
    file: join(root, "lib", "runner", "instruction.js"),
    before: "setTimeout(callback.bind(...args), 0);",
    after: `setImmediate(callback.bind(...args)); ${MARK}`,
    what: "instruction hand-off on setImmediate",
  },
  {
    file: join(root, "lib", "runner", "extensions", "event.command.js"),
    before: "this.host.removeAllListeners(EXECUTION_RUN_REQUEST_RESPONSE_EVENT_BASE + executionId);",
    after: `this.host.removeAllListeners(EXECUTION_RUN_REQUEST_RESPONSE_EVENT_BASE + executionId);
                            this.host.removeAllListeners(EXECUTION_RUN_REQUEST_EVENT_BASE + executionId); ${MARK}`,
    what: "runRequest listener removed after each script",
  },
];
for (const { file, before, after, what } of patches) {
  const source = readFileSync(file, "utf8");
  if (source.includes(after)) continue;
  if (version !== "7.56.1" || source.split(before).length !== 2) {
    console.error(`patch-postman-runtime: postman-runtime ${version} is not the version this patch was written for: ${what} not applied`);
    continue;
  }
  writeFileSync(file, source.replace(before, after));
  console.log(`patch-postman-runtime: ${what} (postman-runtime ${version})`);
}
