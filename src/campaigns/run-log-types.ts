import type { AlertFormat } from "../platform/alerts/alert-types";

/** Why the rest of a run was not run: the first failure (of a named test, when known), a user's cancel, or another cause in words. */
export type StopReason = { code: "first_failure"; test?: string } | { code: "cancelled" } | { code: "other"; message: string };

/**
 * Every line a campaign run writes in a test's log, by code, with the facts its text is written
 * from. A line is stored with its code and (masked) parameters and each reader gets it in their
 * own language (src/i18n/run-log-texts-*.ts); the English rendering is stored too, for exports,
 * the API and the CLI. What a server, a script or a regular expression engine said is kept as it
 * said it (`detail`, `text`).
 */
export type RunLogParams = {
  request: { method: string; url: string };
  response: { status: number; statusText: string; ms: number; chars: number; complete: boolean };
  /** The response body as received (the start of it when long). */
  body: { text: string };
  check_passed: { name: string };
  /** `actual`: what was found, as JSON; `detail`: why the check could not be judged, or the script's message. */
  check_failed: { name: string; actual?: string; detail?: string };
  check_body_too_large: { name: string; maxChars: number };
  check_skipped: { name: string };
  /** A Postman test's failed assertion, with the script's message (none when it gave none). */
  script_check_failed: { name: string; detail: string | null };
  captured: { variable: string };
  extract_body_too_large: { variable: string; maxChars: number };
  extract_error: { variable: string; detail: string };
  extract_nothing: { variable: string };
  wait: { ms: number };
  set: { names: string[] };
  test_skipped: { reason: StopReason };
  test_stopped: { reason: StopReason };
  test_resumed: Record<string, never>;
  no_action: Record<string, never>;
  action_skipped: { action: string };
  unknown_action: { action: string };
  retry: { action: string; attempt: number; retries: number };
  unknown_variable: { action: string; name: string };
  invalid_params: { action: string; issues: { path: string; en: string; fr: string }[] };
  action_timeout: { action: string; ms: number };
  request_failed: { action: string } & RequestFailure;
  action_failed: { action: string; detail: string };
  /** A request that got an answer: its status and time (null when the runtime did not give them). */
  postman_exchange: { method: string; url: string; status: number | null; ms: number | null };
  postman_request_failed: { method: string; url: string; detail: string };
  script_error: { detail: string };
  /** A script's console output. */
  console: { text: string };
  replayed: { kept: number };
};

/** A request that could not be made; `errorCode`: the network or TLS error's code (ECONNREFUSED, CERT_HAS_EXPIRED…) when there is one. */
export type RequestFailure = { method: string; origin: string; errorCode: string | null; detail: string };

export type RunLogCode = keyof RunLogParams;
export type RunLogEntry = { [K in RunLogCode]: { code: K; params: RunLogParams[K] } }[RunLogCode];

export type RunLogTexts = {
  lines: { [K in RunLogCode]: (p: RunLogParams[K], f: AlertFormat) => string };
  stopReason: (reason: StopReason) => string;
  timedOut: (ms: number, f: AlertFormat) => string;
  /** A request that could not be made: network and TLS failures by their code ("connexion refusée"). */
  requestFailure: (failure: RequestFailure) => string;
};
