import type { Task } from "graphile-worker";
import { z } from "zod";
import { checkLocation } from "../../src/backups/jobs";
import { publishReply } from "../../src/platform/live/replies";
import { workerContext } from "../context";

const payload = z.object({ requestId: z.string().uuid(), location: z.string().min(1).max(4096) });

/** Whether the scanner (this worker) can read a backup location: the check behind the form's button. */
export const backup_location_check: Task = async (raw) => {
  const { requestId, location } = payload.parse(raw);
  await publishReply(workerContext().db, requestId, await checkLocation(location));
};
