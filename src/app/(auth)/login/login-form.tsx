"use client";

import { useActionState, useState } from "react";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { login, type LoginState } from "./actions";

/** `notice` is why the user lands here (session expired, password just changed), until they try. */
export function LoginForm({ callbackUrl, notice }: { callbackUrl?: string; notice: string | null }) {
  const { t } = useI18n();
  const [state, action, pending] = useActionState<LoginState, FormData>(login, null);
  // Controlled, so the e-mail survives React resetting the form after a refused attempt.
  const [email, setEmail] = useState("");
  const message = state?.error === "throttled" ? t.login.throttled(state.retryAfterSeconds) : state?.error === "invalid" ? t.login.invalid : notice;
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <TextField
        label={t.common.email}
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField label={t.common.password} name="password" type="password" autoComplete="current-password" required />
      {message && (
        <p role="alert" data-testid="login-message" className={`text-sm ${state ? "text-red-600 dark:text-red-400" : "text-amber-700 dark:text-amber-300"}`}>
          {message}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {t.login.submit}
      </Button>
    </form>
  );
}
