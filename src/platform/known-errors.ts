import { isDatabaseAway } from "./db/patient-pool";
import { isUniqueViolation } from "./db/pg-error";
import { DomainError } from "./errors";

/**
 * The one translation of expected failures, used by every adapter (tRPC, REST routes): a domain
 * error as it is; a record gone (Prisma P2025), a unique index refusing a row (P2002 or raw SQLSTATE
 * 23505), an unreachable database, as the domain error they mean. Anything else is a bug: null.
 */
export function asDomainError(cause: unknown): DomainError | null {
  if (cause instanceof DomainError) return cause;
  if ((cause as { code?: unknown } | null)?.code === "P2025") return new DomainError("NOT_FOUND", "not_found", "Record not found.");
  if (isUniqueViolation(cause)) return new DomainError("CONFLICT", "already_used", "This value is already used.");
  if (isDatabaseAway(cause)) return new DomainError("SERVICE_UNAVAILABLE", "database_unreachable", "The database is unreachable; try again in a moment.");
  return null;
}

export const httpStatusOf: Record<DomainError["kind"], number> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  SERVICE_UNAVAILABLE: 503,
};
