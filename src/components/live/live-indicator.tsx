"use client";

import { useI18n } from "~/i18n/client";

/** A dot that pulses while the live stream is connected. */
export function LiveIndicator({ status }: { status: string }) {
  const { t } = useI18n();
  const live = status === "pending";
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="live-indicator" data-status={status}>
      <span className={`h-2 w-2 rounded-full ${live ? "animate-pulse bg-emerald-500" : "bg-amber-500"}`} aria-hidden />
      {live ? t.common.live : t.common.reconnecting}
    </span>
  );
}
