"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Badge } from "~/components/ui/badge";
import { DataTable } from "~/components/ui/table";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";
import { useServerText } from "~/components/alerts/use-server-text";
import { formatDuration } from "~/lib/format";

const tone = { QUEUED: "grey", RUNNING: "blue", COMPLETED: "green", FAILED: "red" } as const;

export function BackupScansTable() {
  const { t, locale } = useI18n();
  const text = useServerText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scans = useQuery(trpc.backups.scans.queryOptions({ limit: 100 }));
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.backups.scans.pathKey() });
  useLiveTopic("backups", (event) => event.type.startsWith("scan.") && event.type !== "scan.progress" && refetch(), { onConnected: refetch });
  if (scans.data?.length === 0) return <p className="text-sm text-slate-500">{t.backups.noScans}</p>;
  return (
    <>
      <ErrorText error={scans.error} />
      <DataTable
        columns={[
          { key: "startedAt", label: t.backups.startedAt },
          { key: "trigger", label: t.backups.trigger },
          { key: "status", label: t.common.status },
          { key: "duration", label: t.backups.duration },
          { key: "jobs", label: t.backups.jobsScanned, align: "right" },
          { key: "seen", label: t.backups.artefactsSeen, align: "right" },
          { key: "new", label: t.backups.newArtefacts, align: "right" },
          { key: "errors", label: t.backups.errors },
        ]}
      >
        {scans.data?.map((scan) => {
          const errors = scan.errors as { job: string; reason?: unknown; message?: string }[];
          return (
            <tr key={scan.id} data-testid="scan-row">
              <td className="px-3 py-2">
                <RelativeTime date={scan.startedAt ?? scan.requestedAt} />
              </td>
              <td className="px-3 py-2">{t.backups.triggers[scan.trigger as "schedule" | "manual"] ?? scan.trigger}</td>
              <td className="px-3 py-2">
                <Badge tone={tone[scan.status]}>{t.backups.scanStatus[scan.status]}</Badge>
              </td>
              <td className="px-3 py-2 tabular-nums">
                {scan.startedAt && scan.finishedAt ? formatDuration(scan.finishedAt.getTime() - scan.startedAt.getTime(), locale) : "—"}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{scan.jobsScanned}</td>
              <td className="px-3 py-2 text-right tabular-nums">{scan.artefactsSeen}</td>
              <td className="px-3 py-2 text-right tabular-nums">{scan.newArtefacts}</td>
              <td className="px-3 py-2 text-xs text-red-700 dark:text-red-400">
                {errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced as a whole and never reordered: the index is a stable key
                  <div key={i}>
                    {e.job ? `${e.job}: ` : ""}
                    {text.backupReason(e.reason ?? e.message)}
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
