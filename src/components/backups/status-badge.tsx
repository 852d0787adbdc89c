"use client";

import { Badge, type Tone } from "~/components/ui/badge";
import { Icon, type IconName } from "~/components/ui/icons";
import { useServerText } from "~/components/alerts/use-server-text";
import { useI18n } from "~/i18n/client";

type Status = "NEW" | "OK" | "LATE" | "FAILED" | "MISSING" | "PAUSED";

const look: Record<Status, { tone: Tone; icon: IconName }> = {
  NEW: { tone: "blue", icon: "sparkle" },
  OK: { tone: "green", icon: "check" },
  LATE: { tone: "yellow", icon: "clock" },
  FAILED: { tone: "red", icon: "cross" },
  MISSING: { tone: "orange", icon: "warning" },
  PAUSED: { tone: "grey", icon: "pause" },
};

/** A job's status; its reason (as stored) in a tooltip, in the reader's language. */
export function BackupStatusBadge({ status, reason }: { status: Status; reason?: unknown }) {
  const { t } = useI18n();
  const text = useServerText();
  const { tone, icon } = look[status];
  return (
    <span data-testid="backup-status" data-status={status}>
      <Badge tone={tone} title={reason === undefined ? undefined : text.backupReason(reason)}>
        <Icon name={icon} className="h-3.5 w-3.5" />
        {t.backups.status[status]}
      </Badge>
    </span>
  );
}
