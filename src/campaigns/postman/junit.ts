import { xmlText as xml } from "../../lib/xml";
import type { CollectionRunSummary } from "./run-collection";

/**
 * A collection run as JUnit XML, as Newman's reporter lays it out for CI tools: one testcase per
 * assertion, named "request / assertion", its class the request's folder (the collection's name
 * at the top level); a request that could not be made or whose script threw is a testcase with an
 * error.
 */
export function collectionJunit(summary: CollectionRunSummary): string {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  for (const e of summary.executions) {
    const classname = xml(e.folders.join(" / ") || summary.collection);
    const seconds = ((e.responseTimeMs ?? 0) / 1000).toFixed(3);
    for (const a of e.assertions) {
      const name = xml(`${e.item} / ${a.name}`);
      if (a.skipped) cases.push(`    <testcase classname="${classname}" name="${name}" time="${seconds}"><skipped/></testcase>`);
      else if (a.passed) cases.push(`    <testcase classname="${classname}" name="${name}" time="${seconds}"/>`);
      else {
        failures++;
        cases.push(
          `    <testcase classname="${classname}" name="${name}" time="${seconds}"><failure type="AssertionFailure" message="${xml(a.error ?? "failed")}">${xml(a.error ?? "")}</failure></testcase>`,
        );
      }
    }
    for (const problem of [...(e.error ? [e.error] : []), ...e.scriptErrors]) {
      errors++;
      cases.push(
        `    <testcase classname="${classname}" name="${xml(e.item)}" time="${seconds}"><error message="${xml(problem)}">${xml(problem)}</error></testcase>`,
      );
    }
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(summary.collection)}" ${counts}>`,
    `  <testsuite name="${xml(summary.collection)}" ${counts}>`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
