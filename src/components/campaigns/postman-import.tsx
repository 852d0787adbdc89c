"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorText } from "~/components/ui/error-text";
import { ImportNotes } from "./import-notes";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** Reads a Postman collection file and imports it whole; shows what a run cannot do as Postman would. */
export function PostmanImport() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [fileError, setFileError] = useState<string | null>(null);
  // The list is rendered on the server: refreshing it shows the new campaign.
  const importing = useMutation(trpc.campaigns.importPostman.mutationOptions({ onSuccess: () => router.refresh() }));
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
            {t.campaigns.imported(result.name, result.requests)}
          </Link>
          <ImportNotes notes={result.notes} />
        </div>
      )}
    </div>
  );
}
