"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Dialog } from "~/components/ui/dialog";
import { DataTable } from "~/components/ui/table";
import { ErrorText } from "~/components/ui/error-text";
import { SelectField, TextField } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { useI18n } from "~/i18n/client";
import { roles, type Role } from "~/lib/roles";
import { useTRPC } from "~/trpc/react";

export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const changeRole = useMutation(trpc.users.changeRole.mutationOptions({ onSuccess: refresh }));
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: refresh }));
  const [revealed, setRevealed] = useState<{ email: string; password: string } | null>(null);
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());
  const [creating, setCreating] = useState(false);

  return (
    <div className="space-y-4">
      <div>
        <Button onClick={() => setCreating(true)}>{t.users.newUser}</Button>
      </div>
      <ErrorText error={changeRole.error ?? setDisabled.error ?? reset.error} />
      {revealed && (
        <Card>
          <p className="text-sm">{t.users.newPasswordIs(revealed.email)}</p>
          <code data-testid="revealed-password" className="mt-2 block rounded bg-slate-100 p-2 font-mono dark:bg-slate-800">
            {revealed.password}
          </code>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => setRevealed(null)}>
            {t.common.close}
          </Button>
        </Card>
      )}
      <DataTable
        columns={[
          { key: "email", label: t.common.email },
          { key: "name", label: t.common.name },
          { key: "role", label: t.common.role },
          { key: "status", label: t.common.status },
          { key: "lastLogin", label: t.users.lastLogin },
          { key: "actions", label: t.common.actions },
        ]}
      >
        {users.data?.map((u) => (
          <tr key={u.id} data-testid="user-row" data-email={u.email}>
            <td className="px-3 py-2">{u.email}</td>
            <td className="px-3 py-2">{u.name}</td>
            <td className="px-3 py-2">
              <label className="sr-only" htmlFor={`role-${u.id}`}>
                {t.common.role}
              </label>
              <select
                id={`role-${u.id}`}
                value={u.role}
                disabled={changeRole.isPending}
                onChange={(e) => changeRole.mutate({ id: u.id, role: e.target.value as Role })}
                className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t.roles[r]}
                  </option>
                ))}
              </select>
            </td>
            <td className="px-3 py-2">{u.disabled ? <Badge tone="red">{t.common.disabled}</Badge> : <Badge tone="green">{t.users.active}</Badge>}</td>
            <td className="px-3 py-2 text-slate-500">
              <RelativeTime date={u.lastLoginAt} />
            </td>
            <td className="space-x-2 whitespace-nowrap px-3 py-2">
              <Button
                size="sm"
                variant="secondary"
                onClick={() => reset.mutate({ id: u.id }, { onSuccess: (r) => setRevealed({ email: u.email, password: r.password }) })}
              >
                {t.users.resetPassword}
              </Button>
              {u.id !== currentUserId && (
                <Button size="sm" variant={u.disabled ? "secondary" : "danger"} onClick={() => setDisabled.mutate({ id: u.id, disabled: !u.disabled })}>
                  {u.disabled ? t.users.enable : t.users.disable}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} onCreated={refresh} />
    </div>
  );
}

function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: () => {
        onCreated();
        onClose();
      },
    }),
  );
  return (
    <Dialog open={open} onClose={onClose} title={t.users.newUser}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate({
            email: String(f.get("email")),
            name: String(f.get("name")),
            role: f.get("role") as Role,
            password: String(f.get("password")),
          });
        }}
      >
        <TextField label={t.common.email} name="email" type="email" required />
        <TextField label={t.common.name} name="name" required />
        <SelectField label={t.common.role} name="role" defaultValue="VIEWER">
          {roles.map((r) => (
            <option key={r} value={r}>
              {t.roles[r]}
            </option>
          ))}
        </SelectField>
        <TextField label={t.common.password} name="password" type="password" autoComplete="new-password" required minLength={10} />
        <ErrorText error={create.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t.common.cancel}
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {t.common.create}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
