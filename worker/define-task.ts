import type { JobHelpers, Task } from "graphile-worker";
import { type TaskName, type TaskPayloads, taskPayloads } from "../src/platform/jobs/task-payloads";

/** A task whose payload is parsed against the task registry before `run` sees it. */
export function defineTask<N extends TaskName>(name: N, run: (payload: TaskPayloads[N], helpers: JobHelpers) => Promise<void>): Task<N> {
  const schema = taskPayloads[name];
  return async (raw, helpers) => run(schema.parse(raw) as TaskPayloads[N], helpers);
}
