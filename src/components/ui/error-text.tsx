"use client";

import type { TRPCClientErrorLike } from "@trpc/client";
import type { Messages } from "~/i18n/fr";
import { useI18n } from "~/i18n/client";
import type { AppRouter } from "~/trpc/react";

type ApiError = TRPCClientErrorLike<AppRouter> | null | undefined;
type Translate = (params: Record<string, string | number>) => string;

/**
 * What went wrong, in the reader's language: an application error by its stable code and
 * parameters; else each field issue on its own line; else the server's message.
 */
export function errorMessage(error: ApiError, t: Messages): string | null {
  if (!error) return null;
  const app = error.data?.app;
  const translate = app ? (t.errors as unknown as Record<string, Translate | undefined>)[app.code] : undefined;
  if (app && typeof translate === "function") return translate(app.params);
  const issues = error.data?.zodIssues;
  // A field's own name says nothing to a reader (the form marks the field); a nested path still locates the issue.
  if (issues?.length) return issues.map((i) => (i.path.length > 1 ? `${i.path.join(".")}: ${i.message}` : i.message)).join("\n");
  return error.message;
}

export function ErrorText({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const text = errorMessage(error, t);
  if (!text) return null;
  return (
    <p role="alert" className="whitespace-pre-line text-sm text-red-600 dark:text-red-400">
      {text}
    </p>
  );
}
