"use client";

import { DataTable } from "~/components/ui/table";
import { useI18n } from "~/i18n/client";
import { ImportNotes } from "./import-notes";

type CollectionRequest = { path: string; method: string; url: string; scripts: number };

/** A Postman campaign's requests in run order, read-only: the collection is changed in Postman and imported again. */
export function PostmanRequests({ requests, notes }: { requests: CollectionRequest[]; notes: { item: string; what: string }[] }) {
  const { t } = useI18n();
  return (
    <div className="space-y-3" data-testid="postman-requests">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t.campaigns.postmanIntro}</p>
      <ImportNotes notes={notes} />
      <DataTable
        columns={[
          { key: "path", label: t.common.name },
          { key: "method", label: t.campaigns.method },
          { key: "url", label: t.campaigns.url },
          { key: "scripts", label: t.campaigns.scripts },
        ]}
      >
        {requests.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two requests may share a name; the list is read-only and never reordered
          <tr key={i} data-testid="postman-request">
            <td className="px-3 py-2">{r.path}</td>
            <td className="px-3 py-2 font-mono text-xs">{r.method}</td>
            <td className="px-3 py-2 font-mono text-xs break-all">{r.url}</td>
            <td className="px-3 py-2">{r.scripts}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
