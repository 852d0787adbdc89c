"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CreateCard } from "~/components/ui/create-card";
import { EditorFooter } from "~/components/ui/editor-footer";
import { CheckboxField, TextAreaField, TextField } from "~/components/ui/field";
import { type WithRowKey, withRowKey } from "~/components/ui/row-key";
import { useI18n } from "~/i18n/client";
import { NameDescriptionFields } from "./name-description-fields";
import { PostmanEnvironmentImport } from "./postman-environment-import";
import { useTRPC } from "~/trpc/react";

type VariableDraft = { key: string; value: string; secret: boolean; stored: boolean };
type TlsDraft = { insecure: boolean; caCert: string; clientCert: string; clientKey: string; hasClientKey: boolean };
type EnvironmentDraft = { id: string | null; name: string; description: string; variables: VariableDraft[]; tls: TlsDraft };
const noTls: TlsDraft = { insecure: false, caCert: "", clientCert: "", clientKey: "", hasClientKey: false };

function EnvironmentForm({ initial, canEdit, onSaved }: { initial: EnvironmentDraft; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [draft, setDraft] = useState(() => ({ ...initial, variables: initial.variables.map(withRowKey) }));
  const save = useMutation(trpc.campaigns.saveEnvironment.mutationOptions({ onSuccess: onSaved }));
  const setVar = (i: number, patch: Partial<WithRowKey<VariableDraft>>) =>
    setDraft((d) => ({ ...d, variables: d.variables.map((v, k) => (k === i ? { ...v, ...patch } : v)) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      id: draft.id,
      data: {
        name: draft.name,
        description: draft.description,
        // A stored secret left untouched is sent as null: the server keeps it.
        variables: draft.variables.map((v) => ({ key: v.key, secret: v.secret, value: v.secret && v.stored && v.value === "" ? null : v.value })),
        // Like a secret, a stored client key is never sent back: left empty, it is kept.
        tls: { ...draft.tls, clientKey: draft.tls.hasClientKey && draft.tls.clientKey === "" ? null : draft.tls.clientKey },
      },
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3" data-testid="environment-form" noValidate>
      <div className="grid gap-3 md:grid-cols-2">
        <NameDescriptionFields draft={draft} setDraft={setDraft} disabled={!canEdit} />
      </div>
      <h3 className="text-sm font-semibold">{t.campaigns.variables}</h3>
      {draft.variables.map((v, i) => (
        <div key={v.rowKey} className="grid items-end gap-2 md:grid-cols-[1fr_2fr_auto_auto]">
          <TextField label={t.campaigns.key} value={v.key} onChange={(e) => setVar(i, { key: e.target.value })} disabled={!canEdit} />
          <TextField
            label={t.common.value}
            type={v.secret ? "password" : "text"}
            autoComplete="off"
            value={v.value}
            placeholder={v.secret && v.stored ? t.campaigns.secretKept : ""}
            onChange={(e) => setVar(i, { value: e.target.value })}
            disabled={!canEdit}
          />
          <label className="flex items-center gap-1 pb-2 text-sm">
            <input type="checkbox" checked={v.secret} onChange={(e) => setVar(i, { secret: e.target.checked, stored: false })} disabled={!canEdit} />
            {t.campaigns.secret}
          </label>
          {canEdit && (
            <Button size="sm" variant="ghost" onClick={() => setDraft({ ...draft, variables: draft.variables.filter((_, k) => k !== i) })}>
              {t.campaigns.remove}
            </Button>
          )}
        </div>
      ))}
      <TlsFields tls={draft.tls} setTls={(tls) => setDraft({ ...draft, tls })} disabled={!canEdit} />
      <EditorFooter
        error={save.error}
        canEdit={canEdit}
        addLabel={t.campaigns.addVariable}
        onAdd={() => setDraft({ ...draft, variables: [...draft.variables, withRowKey({ key: "", value: "", secret: false, stored: false })] })}
        saving={save.isPending}
      />
    </form>
  );
}

/** Every environment ("filière") with its variables; secret values are write-only. */
export function EnvironmentsEditor({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const environments = useQuery(trpc.campaigns.environments.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.campaigns.environments.queryKey() });
  return (
    <div className="space-y-4">
      {canEdit && <PostmanEnvironmentImport onImported={refresh} />}
      {environments.data?.map((env) => (
        <Card key={`${env.id}-${env.updatedAt.toString()}`} title={env.name}>
          <EnvironmentForm
            canEdit={canEdit}
            onSaved={refresh}
            initial={{
              id: env.id,
              name: env.name,
              description: env.description,
              variables: env.variables.map((v) => ({ key: v.key, secret: v.secret, value: v.secret ? "" : v.value, stored: true })),
              tls: {
                insecure: env.tlsInsecure,
                caCert: env.tlsCaCert ?? "",
                clientCert: env.tlsClientCert ?? "",
                clientKey: "",
                hasClientKey: env.tlsHasClientKey,
              },
            }}
          />
        </Card>
      ))}
      {canEdit && (
        <CreateCard label={t.campaigns.newEnvironment}>
          {(done) => (
            <EnvironmentForm
              canEdit
              onSaved={() => {
                done();
                refresh();
              }}
              initial={{ id: null, name: "", description: "", variables: [{ key: "base_url", value: "", secret: false, stored: false }], tls: noTls }}
            />
          )}
        </CreateCard>
      )}
    </div>
  );
}

/** How requests reach the servers under test over TLS: any certificate (test servers), an extra CA, a client certificate. */
function TlsFields({ tls, setTls, disabled }: { tls: TlsDraft; setTls: (tls: TlsDraft) => void; disabled: boolean }) {
  const { t } = useI18n();
  const c = t.campaigns.tls;
  const configured = tls.insecure || tls.caCert !== "" || tls.clientCert !== "";
  return (
    <details className="rounded-md border border-slate-200 p-3 dark:border-slate-700" open={configured}>
      <summary className="cursor-pointer text-sm font-semibold">{c.title}</summary>
      <div className="mt-3 space-y-3">
        <CheckboxField label={c.insecure} checked={tls.insecure} onChange={(e) => setTls({ ...tls, insecure: e.target.checked })} disabled={disabled} />
        <TextAreaField
          label={c.caCert}
          hint={c.pemHint}
          rows={3}
          value={tls.caCert}
          onChange={(e) => setTls({ ...tls, caCert: e.target.value })}
          disabled={disabled}
        />
        <div className="grid gap-3 md:grid-cols-2">
          <TextAreaField
            label={c.clientCert}
            rows={3}
            value={tls.clientCert}
            onChange={(e) => setTls({ ...tls, clientCert: e.target.value })}
            disabled={disabled}
          />
          <TextAreaField
            label={c.clientKey}
            rows={3}
            autoComplete="off"
            value={tls.clientKey}
            placeholder={tls.hasClientKey ? c.keyKept : ""}
            onChange={(e) => setTls({ ...tls, clientKey: e.target.value })}
            disabled={disabled}
          />
        </div>
      </div>
    </details>
  );
}
