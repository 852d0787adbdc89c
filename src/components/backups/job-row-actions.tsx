"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/error-text";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";
import { ScanButton } from "./scan-button";

/** What an operator does to one job without opening it: pause or resume it, scan it now. */
export function JobRowActions({ jobId, paused }: { jobId: string; paused: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toggle = useMutation(trpc.backups.setPaused.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.backups.pathKey() }) }));
  return (
    <div className="flex items-start gap-2">
      <Button variant="secondary" data-testid="toggle-pause" disabled={toggle.isPending} onClick={() => toggle.mutate({ id: jobId, paused: !paused })}>
        {paused ? t.backups.resume : t.backups.pause}
      </Button>
      {!paused && <ScanButton jobId={jobId} label={t.backups.scanShort} />}
      <ErrorText error={toggle.error} />
    </div>
  );
}
