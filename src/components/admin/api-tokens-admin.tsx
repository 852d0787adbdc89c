"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/error-text";
import { SelectField, TextField } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { DataTable } from "~/components/ui/table";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** Tokens for the REST API: issued with a scope, shown once, revocable. */
export function ApiTokensAdmin() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.apiTokens.list.queryOptions());
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"READ" | "WRITE">("READ");
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
  const issue = useMutation(trpc.apiTokens.issue.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: refresh }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    issue.mutate({ name, scope });
  };
  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <TextField label={t.apiTokens.name} value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField label={t.apiTokens.scope} value={scope} onChange={(e) => setScope(e.target.value as "READ" | "WRITE")}>
          <option value="READ">{t.apiTokens.read}</option>
          <option value="WRITE">{t.apiTokens.write}</option>
        </SelectField>
        <Button type="submit" disabled={issue.isPending}>
          {t.apiTokens.issue}
        </Button>
        <a href="/api/openapi.json" className="pb-2 text-sm text-sky-700 hover:underline dark:text-sky-400">
          {t.apiTokens.docs}
        </a>
      </form>
      <ErrorText error={issue.error ?? revoke.error} />
      {issue.data && (
        <p role="status" className="text-sm" data-testid="api-token">
          {t.apiTokens.shownOnce} <code className="break-all rounded bg-slate-100 px-1 dark:bg-slate-800">{issue.data.token}</code>
        </p>
      )}
      <DataTable
        columns={[
          { key: "name", label: t.apiTokens.name },
          { key: "scope", label: t.apiTokens.scope },
          { key: "used", label: t.apiTokens.lastUsed },
          { key: "actions", label: t.common.actions },
        ]}
      >
        {tokens.data?.map((token) => (
          <tr key={token.id}>
            <td className="px-3 py-2">{token.name}</td>
            <td className="px-3 py-2">{token.scope === "WRITE" ? t.apiTokens.write : t.apiTokens.read}</td>
            <td className="px-3 py-2">
              <RelativeTime date={token.lastUsedAt} />
            </td>
            <td className="px-3 py-2">
              {token.revokedAt ? (
                t.apiTokens.revoked
              ) : (
                <Button size="sm" variant="danger" onClick={() => revoke.mutate({ id: token.id })}>
                  {t.apiTokens.revoke}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
