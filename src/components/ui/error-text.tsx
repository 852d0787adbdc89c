"use client";

import type { TRPCClientErrorLike } from "@trpc/client";
import type { AppRouter } from "~/trpc/react";

type ApiError = TRPCClientErrorLike<AppRouter> | null | undefined;

/** The server's message, with each field issue on its own line. */
export function errorMessage(error: ApiError): string | null {
  if (!error) return null;
  const issues = error.data?.zodIssues;
  if (issues?.length) return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("\n");
  return error.message;
}

export function ErrorText({ error }: { error: ApiError }) {
  const text = errorMessage(error);
  if (!text) return null;
  return (
    <p role="alert" className="whitespace-pre-line text-sm text-red-600 dark:text-red-400">
      {text}
    </p>
  );
}
