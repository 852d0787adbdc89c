import { z } from "zod";

/** Payload of the scheduled tasks: graphile-worker's cron adds `_cron`, nothing else is read. */
const scheduled = z.object({});

/**
 * Every task the worker runs, by the identifier jobs are queued under, with its payload. One
 * registry for both ends: `enqueueJob` checks a payload before queueing it and each task parses
 * what it receives (a job row may have been written by SQL, or by an older version).
 */
export const taskPayloads = {
  alert_dispatch: z.object({ alertId: z.string().min(1) }),
  backup_deadlines: scheduled,
  backup_location_check: z.object({ requestId: z.uuid(), location: z.string().min(1).max(4096) }),
  backup_scan: z.object({ trigger: z.enum(["schedule", "manual"]), scanId: z.string().min(1).optional(), jobId: z.string().min(1).optional() }),
  campaign_run: z.object({ reportId: z.string().min(1) }),
  meter_hourly_checks: scheduled,
  meter_poll: z.object({ meterId: z.string().min(1) }),
  meter_test_read: z.object({ meterId: z.string().min(1), requestId: z.uuid() }),
  meter_watchdog: scheduled,
  meters_sync: z.object({}),
  notification_send: z.object({ deliveryId: z.string().min(1) }),
  prune_live_events: scheduled,
  prune_readings: scheduled,
  serial_ports_list: z.object({ requestId: z.uuid() }),
} satisfies Record<string, z.ZodType>;

export type TaskName = keyof typeof taskPayloads;
export type TaskPayloads = { [N in TaskName]: z.output<(typeof taskPayloads)[N]> };

/** A task whose payload carries a request id, answered on the request's reply topic (see ask-worker). */
export type AskTaskName = { [N in TaskName]: TaskPayloads[N] extends { requestId: string } ? N : never }[TaskName];

declare global {
  namespace GraphileWorker {
    // graphile-worker's own types (Task, TaskList, addJob) then know every task's payload.
    interface Tasks extends TaskPayloads {}
  }
}
