"use client";

import Link from "next/link";
import { useI18n } from "~/i18n/client";

const pageOf: Record<string, (id: string) => string> = {
  METER: (id) => `/energy/meters/${id}`,
  BACKUP_JOB: (id) => `/backups/${id}`,
  CAMPAIGN: (id) => `/campaigns/${id}`,
};

/** What raised an alert, by its name, linking to its page (the system has none). */
export function AlertSource({
  alert,
}: {
  alert: { sourceKind: "SYSTEM" | "METER" | "BACKUP_JOB" | "CAMPAIGN"; sourceId: string | null; sourceName?: string | null };
}) {
  const { t } = useI18n();
  const kind = t.alerts.sources[alert.sourceKind];
  const page = alert.sourceId ? pageOf[alert.sourceKind]?.(alert.sourceId) : undefined;
  if (!page) return <span>{kind}</span>;
  return (
    <span data-testid="alert-source">
      <span className="text-slate-500">{kind} </span>
      <Link href={page} className="text-sky-700 hover:underline dark:text-sky-400">
        {alert.sourceName ?? t.alerts.deletedSource}
      </Link>
    </span>
  );
}
