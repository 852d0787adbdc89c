import type { RequestFailure, RunLogTexts, StopReason } from "../campaigns/run-log-types";

const networkErrors: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  ENOTFOUND: "host not found (DNS)",
  EAI_AGAIN: "host name could not be resolved now (DNS)",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed by the server",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "certificate signed by unknown authority (self-signed in chain)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificate signed by unknown authority",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "certificate signed by unknown authority",
  CERT_HAS_EXPIRED: "certificate expired",
  CERT_NOT_YET_VALID: "certificate not yet valid",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate does not match the host name",
};

const stopReason = (reason: StopReason) =>
  reason.code === "first_failure"
    ? `stopped at the first failure${reason.test === undefined ? "" : ` ("${reason.test}" failed)`}`
    : reason.code === "cancelled"
      ? "cancelled by a user"
      : reason.message;

const timedOut = (ms: number) => `timed out after ${ms} ms`;
const requestFailure = (p: RequestFailure) =>
  `${p.method} ${p.origin}: ${p.errorCode && networkErrors[p.errorCode] ? `${networkErrors[p.errorCode]} (${p.errorCode})` : p.detail}`;

/** A campaign run's log lines in English: shown to English readers and stored with each line for exports, the API and the CLI. */
export const runLogTextsEn: RunLogTexts = {
  stopReason,
  timedOut,
  requestFailure,
  lines: {
    request: (p) => `→ ${p.method} ${p.url}`,
    response: (p) =>
      `← ${p.status} ${p.statusText} in ${p.ms} ms, ${p.complete ? `${p.chars} characters` : `more than ${p.chars} characters (read no further)`}`,
    body: (p) => p.text,
    check_passed: (p) => `✓ ${p.name}`,
    check_failed: (p) => `✗ ${p.name}${p.detail !== undefined ? ` (${p.detail})` : p.actual !== undefined ? ` (got ${p.actual})` : ""}`,
    check_body_too_large: (p) => `✗ ${p.name} (body too large for assertions: more than ${p.maxChars} characters (raise maxBodyChars))`,
    check_skipped: (p) => `skipped: ${p.name}`,
    script_check_failed: (p) => `✗ ${p.name}: ${p.detail ?? "failed"}`,
    captured: (p) => `captured ${p.variable}`,
    extract_body_too_large: (p) => `✗ ${p.variable} not extracted: body too large for assertions: more than ${p.maxChars} characters (raise maxBodyChars)`,
    extract_error: (p) => `✗ ${p.variable} not extracted: ${p.detail}`,
    extract_nothing: (p) => `✗ nothing to extract for ${p.variable}`,
    wait: (p) => `waiting ${p.ms} ms`,
    set: (p) => `set ${p.names.join(", ")}`,
    test_skipped: (p) => `skipped: ${stopReason(p.reason)}`,
    test_stopped: (p) => `stopped: ${stopReason(p.reason)}`,
    test_resumed: () => "resumed: the worker running this test stopped",
    no_action: () => "this test has no action",
    action_skipped: (p) => `skipped: ${p.action} (stopped at the first failure)`,
    unknown_action: (p) => `${p.action}: unknown action type`,
    retry: (p) => `${p.action}: retry ${p.attempt} of ${p.retries}`,
    unknown_variable: (p) => `${p.action}: unknown variable {{${p.name}}}, sent as written`,
    invalid_params: (p) => `${p.action}: invalid parameters: ${p.issues.map((i) => `${i.path}: ${i.en}`).join("; ")}`,
    action_timeout: (p) => `${p.action}: ${timedOut(p.ms)}`,
    request_failed: (p) => `${p.action}: ${requestFailure(p)}`,
    action_failed: (p) => `${p.action}: ${p.detail}`,
    postman_exchange: (p) => `${p.method} ${p.url} → ${p.status ?? "no status"}${p.ms === null ? "" : ` (${p.ms} ms)`}`,
    postman_request_failed: (p) => `${p.method} ${p.url}: ${p.detail}`,
    script_error: (p) => `script error: ${p.detail}`,
    console: (p) => p.text,
    replayed: (p) => `resumed: the collection was replayed from its start to rebuild its variables (${p.kept} results kept)`,
  },
};
