"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Dialog } from "~/components/ui/dialog";
import { ErrorText } from "~/components/ui/error-text";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { SeverityBadge } from "~/components/ui/severity-badge";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";
import { ChannelDeliveries } from "./channel-deliveries";

type Kind = "WEBHOOK" | "EMAIL" | "NTFY";
type Severity = "INFO" | "WARNING" | "ERROR" | "CRITICAL";
type Channel = {
  id: string;
  name: string;
  kind: Kind;
  minSeverity: Severity;
  enabled: boolean;
  config: Record<string, unknown>;
  lastDelivery: { status: "PENDING" | "SENT" | "FAILED"; createdAt: Date; sentAt: Date | null } | null;
  lastError: { message: string; at: Date } | null;
};

export function NotificationsAdmin() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channels = useQuery(trpc.notifications.list.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
  const remove = useMutation(trpc.notifications.delete.mutationOptions({ onSuccess: refresh }));
  const test = useMutation(trpc.notifications.sendTest.mutationOptions());
  const [editing, setEditing] = useState<Channel | "new" | null>(null);
  const [history, setHistory] = useState<string | null>(null);

  return (
    <div className="space-y-4">
      <Button onClick={() => setEditing("new")}>{t.notifications.newChannel}</Button>
      {test.data && (
        <p role="status" className={`text-sm ${test.data.ok ? "text-emerald-700" : "text-red-600"}`}>
          {test.data.ok ? t.notifications.testSent : t.notifications.testFailed(test.data.error)}
        </p>
      )}
      {channels.data?.length === 0 && <p className="text-sm text-slate-500">{t.notifications.empty}</p>}
      <div className="grid gap-4 md:grid-cols-2">
        {(channels.data as Channel[] | undefined)?.map((c) => (
          <Card key={c.id} title={c.name} actions={c.enabled ? <Badge tone="green">{t.common.enabled}</Badge> : <Badge>{t.common.disabled}</Badge>}>
            <p className="text-sm">
              {c.kind} · ≥ <SeverityBadge severity={c.minSeverity} />
            </p>
            <p className="mt-1 truncate font-mono text-xs text-slate-500">{String(c.config.url ?? c.config.host ?? "")}</p>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="last-delivery">
              {c.lastDelivery ? (
                <>
                  {t.notifications.lastDelivery} {t.notifications.deliveryStatus[c.lastDelivery.status]},{" "}
                  <RelativeTime date={c.lastDelivery.sentAt ?? c.lastDelivery.createdAt} />
                </>
              ) : (
                t.notifications.noDelivery
              )}
            </p>
            {c.lastError && (
              <p className="mt-1 break-all text-xs text-red-600 dark:text-red-400" data-testid="last-error">
                {t.notifications.lastError} <RelativeTime date={c.lastError.at} /> — {c.lastError.message}
              </p>
            )}
            <div className="mt-3 flex gap-2">
              <Button size="sm" variant="secondary" onClick={() => test.mutate({ id: c.id })} disabled={test.isPending}>
                {t.notifications.sendTest}
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setEditing(c)}>
                {t.common.edit}
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setHistory(history === c.id ? null : c.id)} aria-expanded={history === c.id}>
                {t.notifications.history}
              </Button>
              <Button size="sm" variant="danger" onClick={() => remove.mutate({ id: c.id })}>
                {t.common.delete}
              </Button>
            </div>
            {history === c.id && <ChannelDeliveries channelId={c.id} />}
          </Card>
        ))}
      </div>
      {editing && <ChannelDialog channel={editing === "new" ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} />}
    </div>
  );
}

function headersToText(headers: unknown): string {
  return Object.entries((headers ?? {}) as Record<string, string>)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}

function textToHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

function ChannelDialog({ channel, onClose, onSaved }: { channel: Channel | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [kind, setKind] = useState<Kind>(channel?.kind ?? "WEBHOOK");
  const done = {
    onSuccess: () => {
      onSaved();
      onClose();
    },
  };
  const create = useMutation(trpc.notifications.create.mutationOptions(done));
  const update = useMutation(trpc.notifications.update.mutationOptions(done));
  const c = channel?.config ?? {};

  const submit = (f: FormData) => {
    const s = (k: string) => String(f.get(k) ?? "");
    const config =
      kind === "WEBHOOK"
        ? { url: s("url"), headers: textToHeaders(s("headers")) }
        : kind === "EMAIL"
          ? {
              host: s("host"),
              port: Number(s("port")),
              secure: f.get("secure") === "on",
              user: s("user") || undefined,
              password: s("password") || undefined,
              from: s("from"),
              to: s("to")
                .split(",")
                .map((x) => x.trim())
                .filter(Boolean),
            }
          : { url: s("url"), topic: s("topic"), token: s("token") || undefined };
    const input = { name: s("name"), minSeverity: s("minSeverity") as Severity, enabled: f.get("enabled") === "on", kind, config } as never;
    if (channel) update.mutate({ id: channel.id, ...(input as object) } as never);
    else create.mutate(input);
  };

  return (
    <Dialog open onClose={onClose} title={channel ? channel.name : t.notifications.newChannel}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit(new FormData(e.currentTarget));
        }}
      >
        <TextField label={t.common.name} name="name" defaultValue={channel?.name} required />
        <SelectField label={t.notifications.kind} value={kind} onChange={(e) => setKind(e.target.value as Kind)} disabled={!!channel}>
          <option value="WEBHOOK">Webhook (JSON)</option>
          <option value="EMAIL">E-mail (SMTP)</option>
          <option value="NTFY">ntfy</option>
        </SelectField>
        <SelectField label={t.notifications.minSeverity} name="minSeverity" defaultValue={channel?.minSeverity ?? "WARNING"}>
          {(["INFO", "WARNING", "ERROR", "CRITICAL"] as const).map((s) => (
            <option key={s} value={s}>
              {t.severity[s]}
            </option>
          ))}
        </SelectField>
        {kind === "WEBHOOK" && (
          <>
            <TextField label={t.notifications.url} name="url" type="url" defaultValue={String(c.url ?? "")} required />
            <TextAreaField label={t.notifications.headers} name="headers" rows={3} defaultValue={headersToText(c.headers)} />
          </>
        )}
        {kind === "EMAIL" && (
          <>
            <div className="grid grid-cols-3 gap-2">
              <div className="col-span-2">
                <TextField label={t.notifications.host} name="host" defaultValue={String(c.host ?? "")} required />
              </div>
              <TextField label={t.notifications.port} name="port" type="number" defaultValue={String(c.port ?? 587)} required />
            </div>
            <CheckboxField label={t.notifications.secure} name="secure" defaultChecked={c.secure === true} />
            <TextField label={t.notifications.user} name="user" defaultValue={String(c.user ?? "")} />
            <TextField label={t.common.password} name="password" type="password" defaultValue={String(c.password ?? "")} />
            <TextField label={t.notifications.from} name="from" type="email" defaultValue={String(c.from ?? "")} required />
            <TextField label={t.notifications.to} name="to" defaultValue={((c.to as string[] | undefined) ?? []).join(", ")} required />
          </>
        )}
        {kind === "NTFY" && (
          <>
            <TextField label={t.notifications.url} name="url" type="url" defaultValue={String(c.url ?? "https://ntfy.sh")} required />
            <TextField label={t.notifications.topic} name="topic" defaultValue={String(c.topic ?? "")} required />
            <TextField label={t.notifications.token} name="token" type="password" defaultValue={String(c.token ?? "")} />
          </>
        )}
        <CheckboxField label={t.common.enabled} name="enabled" defaultChecked={channel?.enabled ?? true} />
        <ErrorText error={create.error ?? update.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t.common.cancel}
          </Button>
          <Button type="submit" disabled={create.isPending || update.isPending}>
            {t.common.save}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
