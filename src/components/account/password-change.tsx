"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/error-text";
import { TextField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** The signed-in user's own password, changed by proving the current one; every session then ends. */
export function PasswordChange({ minLength }: { minLength: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation(
    trpc.users.changeOwnPassword.mutationOptions({
      // The session just ended server-side: a full load of the login page, not a client route.
      onSuccess: () => window.location.assign("/login?passwordChanged=1"),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next.length < minLength) return setProblem(t.account.tooShort(minLength));
    if (next !== confirm) return setProblem(t.account.mismatch);
    setProblem(null);
    change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
      <TextField
        label={t.account.currentPassword}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        required
      />
      <TextField
        label={t.account.newPassword}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        hint={t.account.policy(minLength)}
        required
      />
      <TextField
        label={t.account.confirmPassword}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={problem}
        required
      />
      <ErrorText error={change.error} />
      <p className="text-xs text-slate-500">{t.account.endsSessions}</p>
      <Button type="submit" disabled={change.isPending || !current || !next}>
        {t.account.changePassword}
      </Button>
    </form>
  );
}
