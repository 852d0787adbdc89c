import { asDomainError, httpStatusOf } from "../../platform/known-errors";

/**
 * A REST route's answer to an expected failure: its status and `{ error, code, params, issues }`
 * (the same code and parameters tRPC clients get). Anything else is a bug and is rethrown.
 */
export function errorResponse(err: unknown): Response {
  const known = asDomainError(err);
  if (!known) throw err;
  return Response.json(
    { error: known.message, code: known.code, params: known.params, issues: known.issues ?? [] },
    { status: httpStatusOf[known.kind], headers: known.kind === "SERVICE_UNAVAILABLE" ? { "retry-after": "5" } : {} },
  );
}
