import type { Task } from "graphile-worker";
import { workerContext } from "../context";

/** A meter was added, edited or disabled: links follow without a worker restart. */
export const meters_sync: Task = async () => {
  await workerContext().meters.sync();
};
