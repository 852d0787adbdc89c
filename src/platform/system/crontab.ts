import type { TaskName } from "../jobs/task-payloads";

/**
 * The worker's fixed schedule (UTC, graphile-worker crontab syntax). One place, read by the worker
 * to run it and by the Système page to show it.
 */
export type CrontabEntry = { identifier: string; pattern: string; task: TaskName; description: string };

export const crontab: CrontabEntry[] = [
  {
    identifier: "prune_live_events",
    pattern: "17 * * * *",
    task: "prune_live_events",
    description: "Deletes live events older than the retention setting.",
  },
  {
    identifier: "backup_deadlines",
    pattern: "* * * * *",
    task: "backup_deadlines",
    description: "Flips backup jobs whose deadline or grace period has just passed (LATE, MISSING).",
  },
  {
    identifier: "meter_watchdog",
    pattern: "* * * * *",
    task: "meter_watchdog",
    description: "Marks meters silent for too long as offline (one event each).",
  },
  {
    identifier: "meter_hourly_checks",
    pattern: "5 * * * *",
    task: "meter_hourly_checks",
    description: "Compares the hour that ended with the same hour of the previous four weeks.",
  },
  {
    identifier: "prune_readings",
    pattern: "23 3 * * *",
    task: "prune_readings",
    description: "Deletes raw readings older than energy.rawRetentionDays (roll-ups are kept).",
  },
];
