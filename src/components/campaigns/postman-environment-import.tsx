"use client";

import { useMutation } from "@tanstack/react-query";
import { ErrorText } from "~/components/ui/error-text";
import { JsonFilePicker } from "~/components/ui/json-file-picker";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** Imports a Postman environment or globals file as a new environment ("filière"). */
export function PostmanEnvironmentImport({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const importing = useMutation(trpc.campaigns.importPostmanEnvironment.mutationOptions({ onSuccess: onImported }));
  const result = importing.data;
  return (
    <div className="space-y-2">
      <JsonFilePicker
        label={t.campaigns.importPostmanEnvironment}
        testId="postman-environment-file"
        onJson={(file, fileName) => importing.mutate({ file, fileName })}
      />
      <ErrorText error={importing.error} />
      {result && (
        <p role="status" data-testid="environment-import-report" className="text-sm">
          {t.campaigns.environmentImported(result.name, result.variables)}
          {result.skipped.length > 0 && ` ${t.campaigns.disabledSkipped(result.skipped.join(", "))}`}
        </p>
      )}
    </div>
  );
}
