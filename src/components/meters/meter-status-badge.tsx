"use client";

import { Badge, type Tone } from "~/components/ui/badge";
import { useI18n } from "~/i18n/client";

const tone: Record<"UNKNOWN" | "ONLINE" | "OFFLINE" | "ERROR", Tone> = { UNKNOWN: "grey", ONLINE: "green", OFFLINE: "orange", ERROR: "red" };

export function MeterStatusBadge({ status, title }: { status: keyof typeof tone; title?: string | null }) {
  const { t } = useI18n();
  return (
    <span data-testid="meter-status" data-status={status}>
      <Badge tone={tone[status]} title={title ?? undefined}>
        ● {t.meters.status[status]}
      </Badge>
    </span>
  );
}
