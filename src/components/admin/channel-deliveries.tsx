"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { SeverityBadge } from "~/components/ui/severity-badge";
import { useI18n } from "~/i18n/client";
import { useServerText } from "~/components/alerts/use-server-text";
import { useTRPC } from "~/trpc/react";

const tones = { SENT: "green", PENDING: "yellow", FAILED: "red" } as const;

/** A channel's latest deliveries: which alert, when, how many attempts, and why the last one failed. */
export function ChannelDeliveries({ channelId }: { channelId: string }) {
  const { t } = useI18n();
  const text = useServerText();
  const trpc = useTRPC();
  const deliveries = useQuery(trpc.notifications.deliveries.queryOptions({ id: channelId }));
  return (
    <div className="mt-2 space-y-1" data-testid="channel-deliveries">
      <ErrorText error={deliveries.error} />
      {deliveries.data?.length === 0 && <p className="text-xs text-slate-500">{t.notifications.noDelivery}</p>}
      <ul className="divide-y divide-slate-100 text-xs dark:divide-slate-800">
        {deliveries.data?.map((d) => (
          <li key={d.id} className="py-1.5" data-testid="delivery" data-status={d.status}>
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={tones[d.status]}>{t.notifications.deliveryStatus[d.status]}</Badge>
              <SeverityBadge severity={d.alert.severity} />
              <span className="font-medium">{text.alert(d.alert).title}</span>
              <span className="text-slate-500">
                <RelativeTime date={d.sentAt ?? d.createdAt} /> · {t.notifications.attempts(d.attempts)}
              </span>
            </div>
            {d.lastError && d.status !== "SENT" && <p className="mt-0.5 break-all font-mono text-red-600 dark:text-red-400">{d.lastError}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
