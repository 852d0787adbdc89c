"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/error-text";
import { Spinner } from "~/components/ui/icons";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** "Tester la connexion": the worker performs one read and the server waits for its answer (25 s at most). */
export function TestConnection({ meterId }: { meterId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const start = useMutation(trpc.meters.testConnection.mutationOptions());
  const result = start.isPending ? null : start.data;
  return (
    <div className="space-y-2">
      <Button variant="secondary" size="sm" onClick={() => start.mutate({ id: meterId })} disabled={start.isPending} data-testid="test-connection">
        {start.isPending && <Spinner />}
        {start.isPending ? t.meters.testing : t.meters.testConnection}
      </Button>
      <ErrorText error={start.error} />
      {result && (
        <div role="status" data-testid="test-result" data-ok={result.ok} className="text-sm">
          {result.ok ? (
            <>
              <p className="font-medium text-emerald-700 dark:text-emerald-400">{t.meters.testOk}</p>
              <dl className="mt-1 grid grid-cols-2 gap-x-4 text-xs">
                {Object.entries(result.fields).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-slate-500">{k}</dt>
                    <dd className="tabular-nums">{v}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : (
            <p className="text-red-600 dark:text-red-400">{t.meters.testFailed(result.error)}</p>
          )}
        </div>
      )}
    </div>
  );
}
