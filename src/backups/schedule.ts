import { Cron } from "croner";

export type BackupSchedule = {
  scheduleKind: "INTERVAL" | "CRON";
  intervalMinutes: number | null;
  cronExpression: string | null;
  timezone: string;
};

/** Why a cron expression or time zone is unusable, or null when croner accepts them. */
export function cronProblem(expression: string, timezone: string): string | null {
  try {
    const next = new Cron(expression, { timezone, paused: true }).nextRun(new Date());
    return next ? null : "this cron expression never fires";
  } catch (err) {
    return (err as Error).message;
  }
}

/** When the backup that follows `after` is due: one interval later, or the next cron tick. */
export function nextDueAt(schedule: BackupSchedule, after: Date): Date | null {
  if (schedule.scheduleKind === "INTERVAL") {
    return schedule.intervalMinutes ? new Date(after.getTime() + schedule.intervalMinutes * 60_000) : null;
  }
  if (!schedule.cronExpression) return null;
  return new Cron(schedule.cronExpression, { timezone: schedule.timezone, paused: true }).nextRun(after);
}

/** The next `count` times a backup is expected after `after`: interval steps, or cron ticks in the job's zone. */
export function upcomingRuns(schedule: BackupSchedule, after: Date, count = 5): Date[] {
  if (schedule.scheduleKind === "INTERVAL") {
    const step = (schedule.intervalMinutes ?? 0) * 60_000;
    return step ? Array.from({ length: count }, (_, i) => new Date(after.getTime() + (i + 1) * step)) : [];
  }
  if (!schedule.cronExpression) return [];
  return new Cron(schedule.cronExpression, { timezone: schedule.timezone, paused: true }).nextRuns(count, after);
}
