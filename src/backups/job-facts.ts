import type { BackupJob, Prisma } from "../generated/prisma/client";
import type { NewArtefacts } from "./artefact-ingest";

const earlier = (a: Date, b: Date) => (a < b ? a : b);

/**
 * The fact columns a scan changes on a job: location readability, fingerprint, newest artefact,
 * last success (newest valid artefact) and last failure (newest empty or undersized one).
 * Future mtimes (a NAS with a fast clock) count as now. Returns null when nothing changed.
 */
export function scanFactsUpdate(
  job: BackupJob,
  scan: { locationError: string | null; fingerprint: string | null },
  fresh: NewArtefacts | undefined,
  now: Date,
): Prisma.BackupJobUpdateInput | null {
  const data: Prisma.BackupJobUpdateInput = {};
  if (scan.locationError !== job.locationError) data.locationError = scan.locationError;
  if (scan.fingerprint !== null && scan.fingerprint !== job.scanFingerprint) data.scanFingerprint = scan.fingerprint;
  if (fresh?.newest && (!job.latestArtefactAt || fresh.newest.mtime > job.latestArtefactAt)) {
    data.latestArtefactPath = fresh.newest.path;
    data.latestArtefactAt = fresh.newest.mtime;
    data.latestArtefactSize = BigInt(fresh.newest.size);
  }
  if (fresh?.newestValid) {
    const at = earlier(fresh.newestValid.mtime, now);
    if (!job.lastSuccessAt || at > job.lastSuccessAt) data.lastSuccessAt = at;
  }
  if (fresh?.newestInvalid) {
    const at = earlier(fresh.newestInvalid.mtime, now);
    if (!job.lastFailureAt || at > job.lastFailureAt) {
      data.lastFailureAt = at;
      data.lastFailureReason = fresh.newestInvalid.reason;
    }
  }
  return Object.keys(data).length ? data : null;
}
