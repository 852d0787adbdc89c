import { checkLocation } from "../../src/backups/jobs";
import { publishReply } from "../../src/platform/live/replies";
import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** Whether the scanner (this worker) can read a backup location: the check behind the form's button. */
export const backup_location_check = defineTask("backup_location_check", async ({ requestId, location }) => {
  await publishReply(workerContext().db, requestId, await checkLocation(location));
});
