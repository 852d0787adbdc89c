"use client";

import cronstrue from "cronstrue/i18n";
import { type BackupSchedule, upcomingRuns } from "~/backups/schedule";
import { useI18n } from "~/i18n/client";

/** A job's schedule in words ("À 02:30", "toutes les 6 h") and its next five expected runs, in the job's time zone. */
export function ScheduleSummary({ schedule, after }: { schedule: BackupSchedule; after: Date }) {
  const { t, locale } = useI18n();
  const words =
    schedule.scheduleKind === "INTERVAL"
      ? t.backups.everyInterval(schedule.intervalMinutes ?? 0)
      : `${cronstrue.toString(schedule.cronExpression ?? "", { locale, use24HourTimeFormat: true, throwExceptionOnParseError: false })} (${schedule.timezone})`;
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: schedule.timezone });
  return (
    <div data-testid="schedule-summary">
      <p className="text-sm" data-testid="schedule-words">
        {words}
      </p>
      <p className="mt-1 text-xs text-slate-500">{t.backups.nextRuns}</p>
      <ol className="text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid="next-runs">
        {upcomingRuns(schedule, after).map((d) => (
          <li key={d.getTime()}>{format.format(d)}</li>
        ))}
      </ol>
    </div>
  );
}
