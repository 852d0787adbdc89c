"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/error-text";
import { Icon, Spinner } from "~/components/ui/icons";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

type Progress = { scanId: string; jobsDone: number; jobsTotal: number; artefactsSeen: number; newArtefacts?: number; errors?: number; message?: string };

/** "Scanner maintenant" for every job or one, following the scan's progress live. */
export function ScanButton({ jobId, label }: { jobId?: string; label?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [scanId, setScanId] = useState<string | null>(null);
  const [since, setSince] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ state: "running" | "done" | "failed"; data: Progress } | null>(null);
  const scan = useMutation(
    trpc.backups.scanNow.mutationOptions({
      onSuccess: (created) => {
        setScanId(created.id);
        setSince(created.liveCursor);
        setProgress({ state: "running", data: { scanId: created.id, jobsDone: 0, jobsTotal: 0, artefactsSeen: 0 } });
      },
    }),
  );
  useLiveTopic(
    scanId ? "backups" : null,
    (event) => {
      if (event.type !== "scan.progress" && event.type !== "scan.completed" && event.type !== "scan.failed") return;
      const data = event.payload;
      if (data.scanId !== scanId) return;
      if (event.type === "scan.progress") setProgress({ state: "running", data });
      else {
        setProgress({ state: event.type === "scan.completed" ? "done" : "failed", data: event.payload });
        void queryClient.invalidateQueries({ queryKey: trpc.backups.pathKey() });
      }
    },
    { since },
  );
  const running = progress?.state === "running";
  const d = progress?.data;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={() => scan.mutate({ jobId })} disabled={scan.isPending || running} data-testid="scan-now">
        {running ? <Spinner /> : <Icon name="play" />}
        {label ?? (jobId ? t.backups.scanThis : t.backups.scanNow)}
      </Button>
      {d && (
        <p className="text-xs text-slate-600 dark:text-slate-400" role="status" data-testid="scan-progress" data-state={progress.state}>
          {progress.state === "running" && t.backups.scanning(d.jobsDone, d.jobsTotal, d.artefactsSeen)}
          {progress.state === "done" && t.backups.scanDone(d.artefactsSeen, d.newArtefacts ?? 0, d.errors ?? 0)}
          {progress.state === "failed" && t.backups.scanFailed(d.message ?? "")}
        </p>
      )}
      <ErrorText error={scan.error} />
    </div>
  );
}
