"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ErrorText } from "~/components/ui/error-text";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** Reads a Postman v2.1 collection file and imports it; shows what could not be converted. */
export function PostmanImport() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [fileError, setFileError] = useState<string | null>(null);
  const importing = useMutation(trpc.campaigns.importPostman.mutationOptions());
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    try {
      importing.mutate({ collection: JSON.parse(await file.text()) });
    } catch {
      setFileError(`${file.name}: JSON invalide`);
    }
  };
  const result = importing.data;
  return (
    <div className="space-y-2">
      <label className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3.5 py-2 text-sm dark:border-slate-600">
        {t.campaigns.importPostman}
        <input type="file" accept=".json,application/json" className="sr-only" data-testid="postman-file" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {fileError && (
        <p role="alert" className="text-sm text-red-600">
          {fileError}
        </p>
      )}
      <ErrorText error={importing.error} />
      {result && (
        <div role="status" data-testid="import-report" className="text-sm">
          <Link href={`/campaigns/${result.campaignId}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
            {t.campaigns.imported(result.name, result.tests, result.actions)}
          </Link>
          {result.notConverted.length > 0 && (
            <>
              <p className="mt-1 text-amber-700 dark:text-amber-400">{t.campaigns.notConverted}</p>
              <ul className="list-disc pl-5 text-xs text-slate-600 dark:text-slate-400">
                {result.notConverted.map((n, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced as a whole and never reordered: the index is a stable key
                  <li key={i}>
                    {n.item}: {n.what}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
