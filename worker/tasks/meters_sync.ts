import { workerContext } from "../context";
import { defineTask } from "../define-task";

/** A meter was added, edited or disabled: links follow without a worker restart. */
export const meters_sync = defineTask("meters_sync", async () => {
  await workerContext().meters.sync();
});
