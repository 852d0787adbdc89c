import { isDeepStrictEqual } from "node:util";
import type { BackupReason } from "../platform/alerts/alert-types";

export type { BackupReason };

/**
 * A stored reason as a BackupReason. Reasons are stored by code with their facts (each reader
 * writes them in their language); anything else is shown as it was written.
 */
export function storedReason(stored: unknown): BackupReason {
  if (stored && typeof stored === "object" && typeof (stored as BackupReason).code === "string") {
    const { code, params } = stored as BackupReason;
    return { code, params: params && typeof params === "object" ? params : {} } as BackupReason;
  }
  return { code: "reported", params: { message: typeof stored === "string" ? stored : "" } };
}

/** Key order aside (jsonb sorts keys), whether two reasons say the same thing; no reason is null, as stored. */
export function sameReason(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a ?? null, b ?? null);
}
