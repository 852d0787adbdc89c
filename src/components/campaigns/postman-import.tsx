"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ErrorText } from "~/components/ui/error-text";
import { JsonFilePicker } from "~/components/ui/json-file-picker";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";
import { ImportNotes } from "./import-notes";

/** Reads a Postman collection file and imports it whole; shows what a run cannot do as Postman would. */
export function PostmanImport() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  // The list is rendered on the server: refreshing it shows the new campaign.
  const importing = useMutation(trpc.campaigns.importPostman.mutationOptions({ onSuccess: () => router.refresh() }));
  const result = importing.data;
  return (
    <div className="space-y-2">
      <JsonFilePicker label={t.campaigns.importPostman} testId="postman-file" onJson={(collection) => importing.mutate({ collection })} />
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
