import { jsonPath } from "../jsonpath";
import { RegexError, regexGroup } from "../../lib/regex-sandbox";
import { verdict } from "./compare";
import { httpParams } from "./http-params";
import { readResponseText, RequestFailedError } from "./response-text";
import { defineAction, type AssertionResult } from "./types";

const LOG_BODY_CHARS = 2_000;

/** One HTTP request with assertions and extractions. */
export const httpAction = defineAction({
  type: "http",
  description:
    "HTTP request: method, url, headers, query, auth (bearer or basic), body (json, text or form), followRedirects, maxBodyChars (longer bodies fail their body assertions, never truncated silently); assertions on status, header, JSONPath value, body (contains, regex) and response time; extraction of variables from JSONPath, header or regex.",
  params: httpParams,
  async run(p, { signal, log, setVariable, dispatcher }) {
    const url = new URL(p.url);
    for (const [k, v] of Object.entries(p.query)) url.searchParams.set(k, v);
    const headers = new Headers(p.headers);
    if (p.auth?.type === "bearer") headers.set("authorization", `Bearer ${p.auth.token}`);
    else if (p.auth?.type === "basic") headers.set("authorization", `Basic ${Buffer.from(`${p.auth.username}:${p.auth.password}`).toString("base64")}`);
    let payload: string | URLSearchParams | undefined;
    if (p.body?.type === "json") {
      payload = JSON.stringify(p.body.value);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    } else if (p.body?.type === "text") {
      payload = p.body.value;
      if (!headers.has("content-type")) headers.set("content-type", p.body.contentType);
    } else if (p.body?.type === "form") payload = new URLSearchParams(p.body.value);

    await log("info", { code: "request", params: { method: p.method, url: url.toString() } });
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method: p.method,
        headers,
        body: payload,
        redirect: p.followRedirects ? "follow" : "manual",
        signal,
        // Node's fetch is undici's: it takes the run's connection pool for the environment's TLS.
        ...(dispatcher ? { dispatcher } : {}),
      } as RequestInit);
    } catch (err) {
      if (signal.aborted) throw err;
      throw RequestFailedError.from(err, p.method, url.origin);
    }
    const { text, complete } = await readResponseText(response, p.maxBodyChars);
    const elapsed = Math.round(performance.now() - started);
    await log(response.ok ? "info" : "warn", {
      code: "response",
      params: { status: response.status, statusText: response.statusText, ms: elapsed, chars: complete ? text.length : p.maxBodyChars, complete },
    });
    if (text) await log("info", { code: "body", params: { text: text.length > LOG_BODY_CHARS ? `${text.slice(0, LOG_BODY_CHARS)}…` : text } });

    let json: unknown;
    let jsonParsed = false;
    const parsedJson = () => {
      if (!jsonParsed) {
        jsonParsed = true;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return json;
    };

    const results: AssertionResult[] = [];
    const tooLarge = `body too large for assertions: more than ${p.maxBodyChars} characters (raise maxBodyChars)`;
    const cutShort = new Set<AssertionResult>();
    for (const a of p.assertions) {
      if (!complete && (a.kind === "jsonPath" || a.kind === "body")) {
        const result: AssertionResult = {
          name: a.kind === "body" ? `body ${a.operator} ${JSON.stringify(a.expected)}` : `${a.path} ${a.operator}`,
          ok: false,
          message: tooLarge,
        };
        cutShort.add(result);
        results.push(result);
        continue;
      }
      switch (a.kind) {
        case "status":
          results.push({
            name: `status ${a.operator} ${a.expected}`,
            ...(await verdict(response.status, a.operator, a.expected)),
            expected: a.expected,
            actual: response.status,
          });
          break;
        case "header": {
          const actual = response.headers.get(a.name) ?? undefined;
          results.push({
            name: `header ${a.name} ${a.operator} ${a.expected ?? ""}`.trim(),
            ...(await verdict(actual, a.operator, a.expected)),
            expected: a.expected,
            actual,
          });
          break;
        }
        case "jsonPath": {
          const actual = jsonPath(parsedJson(), a.path);
          results.push({
            name: `${a.path} ${a.operator} ${a.expected === undefined ? "" : JSON.stringify(a.expected)}`.trim(),
            ...(await verdict(actual, a.operator, a.expected)),
            expected: a.expected,
            actual,
          });
          break;
        }
        case "body":
          results.push({ name: `body ${a.operator} ${JSON.stringify(a.expected)}`, ...(await verdict(text, a.operator, a.expected)), expected: a.expected });
          break;
        case "responseTime":
          results.push({ name: `response time < ${a.lessThanMs} ms`, ok: elapsed < a.lessThanMs, expected: a.lessThanMs, actual: elapsed });
          break;
      }
    }
    for (const r of results)
      await log(
        r.ok ? "info" : "error",
        r.ok
          ? { code: "check_passed", params: { name: r.name } }
          : cutShort.has(r)
            ? { code: "check_body_too_large", params: { name: r.name, maxChars: p.maxBodyChars } }
            : {
                code: "check_failed",
                params: r.message ? { name: r.name, detail: r.message } : { name: r.name, actual: JSON.stringify(r.actual) ?? "undefined" },
              },
      );

    for (const e of p.extract) {
      if (!complete && e.from !== "header") {
        results.push({ name: `extract ${e.variable}`, ok: false, message: tooLarge });
        await log("error", { code: "extract_body_too_large", params: { variable: e.variable, maxChars: p.maxBodyChars } });
        continue;
      }
      let value: unknown;
      if (e.from === "jsonPath") value = jsonPath(parsedJson(), e.path);
      else if (e.from === "header") value = response.headers.get(e.name) ?? undefined;
      else {
        try {
          value = await regexGroup(e.pattern, text, e.group);
        } catch (err) {
          if (!(err instanceof RegexError)) throw err;
          results.push({ name: `extract ${e.variable}`, ok: false, message: err.message });
          await log("error", { code: "extract_error", params: { variable: e.variable, detail: err.message } });
          continue;
        }
      }
      if (value === undefined || value === null) {
        results.push({ name: `extract ${e.variable}`, ok: false, message: `nothing to extract for ${e.variable}` });
        await log("error", { code: "extract_nothing", params: { variable: e.variable } });
      } else {
        setVariable(e.variable, typeof value === "string" ? value : JSON.stringify(value));
        await log("info", { code: "captured", params: { variable: e.variable } });
      }
    }
    return { ok: results.every((r) => r.ok), assertions: results };
  },
});
