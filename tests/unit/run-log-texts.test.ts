import { describe, expect, it } from "vitest";
import { runLogLine } from "../../src/campaigns/run-log-line";
import { runLogText } from "../../src/campaigns/run-log-text";
import type { RunLogCode, RunLogParams } from "../../src/campaigns/run-log-types";

const samples: { [K in RunLogCode]: RunLogParams[K] } = {
  request: { method: "GET", url: "https://api.example.test/orders/42" },
  response: { status: 404, statusText: "Not Found", ms: 1250, chars: 12_000, complete: false },
  body: { text: '{"error":"not found"}' },
  check_passed: { name: "status equals 200" },
  check_failed: { name: "status equals 200", actual: "404" },
  check_body_too_large: { name: "$.items exists", maxChars: 100_000 },
  check_skipped: { name: "has a token" },
  script_check_failed: { name: "is found", detail: "expected response to have status code 200 but got 404" },
  captured: { variable: "orderId" },
  extract_body_too_large: { variable: "orderId", maxChars: 100_000 },
  extract_error: { variable: "orderId", detail: "invalid regular expression: Unterminated group" },
  extract_nothing: { variable: "orderId" },
  wait: { ms: 1500 },
  set: { names: ["expected", "limit"] },
  test_skipped: { reason: { code: "first_failure", test: "login" } },
  test_stopped: { reason: { code: "cancelled" } },
  test_resumed: {},
  no_action: {},
  action_skipped: { action: 'http "read"' },
  unknown_action: { action: "ftp" },
  retry: { action: "http", attempt: 1, retries: 2 },
  unknown_variable: { action: "http", name: "app.missing" },
  invalid_params: { action: "http", issues: [{ path: "method", en: "Invalid option", fr: "Option invalide" }] },
  action_timeout: { action: "http", ms: 30_000 },
  request_failed: { action: "http", method: "GET", origin: "http://127.0.0.1:9", errorCode: "ECONNREFUSED", detail: "connect ECONNREFUSED" },
  action_failed: { action: "assert", detail: "unexpected" },
  postman_exchange: { method: "GET", url: "https://api.example.test/pages/missing", status: 404, ms: 12 },
  postman_request_failed: { method: "GET", url: "https://nowhere.test", detail: "getaddrinfo ENOTFOUND nowhere.test" },
  script_error: { detail: "TypeError: x is not a function" },
  console: { text: "token refreshed" },
  replayed: { kept: 3 },
};

/** Lines that only repeat what a server, a script or the request said: the same in every language. */
const verbatim = new Set<RunLogCode>(["request", "body", "check_passed", "console", "postman_exchange"]);
const broken = /undefined|NaN|\[object|null/;

describe("run log lines", () => {
  for (const [code, params] of Object.entries(samples) as [RunLogCode, never][]) {
    it(`${code} is written in French and in English from its parameters`, () => {
      const line = { code, params, message: "stored" };
      const fr = runLogText(line, "fr");
      const en = runLogText(line, "en");
      for (const text of [fr, en]) {
        expect(text).not.toMatch(broken);
        expect(text).not.toBe("stored");
      }
      if (!verbatim.has(code)) expect(fr).not.toBe(en);
    });
  }

  it("numbers follow the language; a network failure is named by its code", () => {
    expect(runLogText({ code: "response", params: samples.response, message: "" }, "fr")).toMatch(/^← 404 Not Found en 1\s250 ms, plus de 12\s000 caractères/);
    expect(runLogText({ code: "request_failed", params: samples.request_failed, message: "" }, "fr")).toBe(
      "http : GET http://127.0.0.1:9 : connexion refusée (ECONNREFUSED)",
    );
    const unknownCode = { ...samples.request_failed, errorCode: "EWEIRD" };
    expect(runLogText({ code: "request_failed", params: unknownCode, message: "" }, "fr")).toBe("http : GET http://127.0.0.1:9 : connect ECONNREFUSED");
  });

  it("a line stored before lines had codes, or with a code Vigie no longer writes, keeps its stored text", () => {
    expect(runLogText({ code: null, params: null, message: "waiting 5 ms" }, "fr")).toBe("waiting 5 ms");
    expect(runLogText({ code: "retired", params: {}, message: "old" }, "fr")).toBe("old");
    expect(runLogText({ code: "set", params: { variables: "x" }, message: "set x" }, "fr")).toBe("set x");
  });

  it("masks secrets in the parameters and in the English text, never in the parameters' names", () => {
    // A secret that happens to be a parameter's name ("url") must not rename it.
    const mask = (text: string) => text.replaceAll("s3cret", "••••").replaceAll("url", "•••");
    const line = runLogLine("info", { code: "request", params: { method: "GET", url: "https://x.test/?t=s3cret" } }, mask);
    expect(line).toMatchObject({ level: "info", code: "request", params: { method: "GET", url: "https://x.test/?t=••••" } });
    expect(line.message).toBe("→ GET https://x.test/?t=••••");
  });
});
