"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { LiveIndicator } from "~/components/live/live-indicator";
import { DataTable } from "~/components/ui/table";
import { ErrorText } from "~/components/ui/error-text";
import { SelectField, TextField } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { useI18n } from "~/i18n/client";
import { formatBytes } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { SizeChart } from "./size-chart";
import { JobRowActions } from "./job-row-actions";
import { BackupStatusBadge } from "./status-badge";

const states = ["NEW", "OK", "LATE", "FAILED", "MISSING", "PAUSED"] as const;

/** Every backup job with its status, last artefact, deadline and recent sizes, kept live; searchable by name or place, filtered by state. */
export function BackupJobsList({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const jobs = useQuery(trpc.backups.list.queryOptions());
  const [search, setSearch] = useState("");
  const [state, setState] = useState<(typeof states)[number] | "">("");
  const needle = search.trim().toLocaleLowerCase(locale);
  const shown = jobs.data?.filter(
    (job) =>
      (!state || job.status === state) &&
      (!needle || job.name.toLocaleLowerCase(locale).includes(needle) || job.location.toLocaleLowerCase(locale).includes(needle)),
  );
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.backups.list.queryKey() });
  const status = useLiveTopic(
    "backups",
    (event) => {
      if (event.type !== "scan.progress") refetch();
    },
    { onConnected: refetch },
  );

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap gap-3">
          <TextField label={t.backups.search} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          <SelectField label={t.common.status} value={state} onChange={(e) => setState(e.target.value as typeof state)}>
            <option value="">{t.common.all}</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {t.backups.status[s]}
              </option>
            ))}
          </SelectField>
        </div>
        <LiveIndicator status={status} />
      </div>
      <ErrorText error={jobs.error} />
      {jobs.data?.length === 0 && <p className="text-sm text-slate-500">{t.backups.empty}</p>}
      {!!jobs.data?.length && (
        <DataTable
          columns={[
            { key: "name", label: t.common.name },
            { key: "status", label: t.common.status },
            { key: "artefact", label: t.backups.lastArtefact },
            { key: "deadline", label: t.backups.nextDeadline },
            { key: "sizes", label: t.backups.sizes },
            ...(canEdit ? [{ key: "actions", label: t.common.actions }] : []),
          ]}
        >
          {shown?.map((job) => (
            <tr key={job.id} data-testid="backup-row" data-job={job.name}>
              <td className="px-3 py-2">
                <Link href={`/backups/${job.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {job.name}
                </Link>
                <div className="max-w-xs truncate font-mono text-xs text-slate-500" title={job.location}>
                  {job.location}/{job.pattern}
                </div>
              </td>
              <td className="px-3 py-2">
                <BackupStatusBadge status={job.status} reason={job.statusReason} />
              </td>
              <td className="px-3 py-2 text-slate-700 dark:text-slate-300">
                {job.latestArtefactAt ? (
                  <>
                    <RelativeTime date={job.latestArtefactAt} />
                    <span className="ml-2 text-xs text-slate-500" data-testid="latest-size">
                      {formatBytes(Number(job.latestArtefactSize ?? 0), locale)}
                    </span>
                  </>
                ) : (
                  <span className="text-slate-400">{t.common.never}</span>
                )}
              </td>
              <td className="px-3 py-2 text-slate-700 dark:text-slate-300">{job.nextDeadlineAt ? <RelativeTime date={job.nextDeadlineAt} /> : "—"}</td>
              <td className="px-3 py-2">
                <SizeChart sizes={job.recentSizes} locale={locale} />
              </td>
              {canEdit && (
                <td className="px-3 py-2">
                  <JobRowActions jobId={job.id} paused={job.paused} />
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
