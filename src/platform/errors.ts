/**
 * An expected failure caused by the request (bad value, missing record, conflict), as opposed to a
 * bug. Adapters turn it into a 4xx answer carrying `message` and, when given, field `issues`.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED",
    message: string,
    readonly issues?: { path: PropertyKey[]; message: string }[],
  ) {
    super(message);
    this.name = "DomainError";
  }
}
