/**
 * PostgreSQL's SQLSTATE of a failed query, whether it came from `pg` (`code`) or through Prisma's
 * driver adapter (P2010 wrapping the original error), or null.
 */
export function postgresErrorCode(err: unknown): string | null {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } } | null;
  const cause = e?.meta?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code ?? e?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** A unique index refused the row (a Prisma P2002, or SQLSTATE 23505 from raw SQL). */
export const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === "P2002" || postgresErrorCode(err) === "23505";
