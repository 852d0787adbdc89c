"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLiveTopic } from "~/components/live/use-live-topic";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { useI18n } from "~/i18n/client";
import { formatNumber } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { DecodeErrorText } from "./decode-error-text";

/** A meter's last frames as received: raw bytes, and what was read from them or why they were refused; new ones arrive live. */
export function MeterFrames({ meterId }: { meterId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const frames = useQuery(trpc.meters.frames.queryOptions({ id: meterId }));
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.meters.frames.queryKey({ id: meterId }) });
  useLiveTopic(`meter:${meterId}`, (event) => event.type === "frame" && refetch(), { onConnected: refetch });

  return (
    <Card title={t.meters.frames}>
      <p className="mb-2 text-xs text-slate-500">{t.meters.framesHint}</p>
      <ErrorText error={frames.error} />
      {frames.data?.length === 0 && <p className="text-sm text-slate-500">{t.meters.noFrame}</p>}
      <ol className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="meter-frames">
        {frames.data?.map((f) => (
          <li key={`${f.at}:${f.raw.slice(0, 32)}`} className="py-2 text-sm" data-testid="meter-frame" data-accepted={f.error ? "false" : "true"}>
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={f.error ? "red" : "green"}>{f.error ? t.meters.frameRefused : t.meters.frameAccepted}</Badge>
              <span className="text-xs text-slate-500">
                <RelativeTime date={new Date(f.at)} /> · {t.meters.frameBytes(f.bytes)}
              </span>
              {f.decoded && (
                <span className="text-xs">
                  {f.decoded.meterId && <span className="font-mono">{f.decoded.meterId} · </span>}
                  {f.decoded.powerW !== null && `${formatNumber(f.decoded.powerW, locale)} W · `}
                  {f.decoded.energyImportKwh !== null && `${formatNumber(f.decoded.energyImportKwh, locale, 3)} kWh · `}
                  {t.meters.frameDecoded(f.decoded.values)}
                </span>
              )}
              {f.error && (
                <span className="font-mono text-xs text-red-700 dark:text-red-400">
                  <DecodeErrorText code={f.error.code} detail={f.error.message} />
                </span>
              )}
            </div>
            {f.bytes > 0 && (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-sky-700 dark:text-sky-400">
                  {t.meters.rawBytes} {f.truncated && t.meters.frameTruncated}
                </summary>
                <pre
                  className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-xs text-slate-100"
                  data-testid="meter-frame-raw"
                >
                  {f.raw}
                </pre>
              </details>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
