/** What kind of failure, which decides the answer's status (tRPC code, HTTP status). */
export type ErrorKind = "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED" | "SERVICE_UNAVAILABLE";
/** Values a translated message puts in its text. */
export type ErrorParams = Record<string, string | number>;
export type FieldIssue = { path: PropertyKey[]; message: string };

/**
 * An expected failure caused by the request (bad value, missing record, conflict) or the moment
 * (database away), as opposed to a bug. `code` is stable (the UI translates it with `params`);
 * `message` is the English text for logs, scripts and REST clients; `issues` point at fields.
 */
export class DomainError extends Error {
  readonly params: ErrorParams;
  readonly issues?: FieldIssue[];

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    details: { params?: ErrorParams; issues?: FieldIssue[] } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.params = details.params ?? {};
    this.issues = details.issues;
  }
}

/** The thing the request names does not exist (`entity`: backup_job, meter, tariff, campaign, report, user…). */
export const notFoundError = (entity: string, message: string) => new DomainError("NOT_FOUND", "not_found", message, { params: { entity } });

/** Another `entity` already has this name. */
export const nameTakenError = (entity: string, name: string, message: string) =>
  new DomainError("CONFLICT", "name_taken", message, { params: { entity, name }, issues: [{ path: ["name"], message: "already used" }] });
