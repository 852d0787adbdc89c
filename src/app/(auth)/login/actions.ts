"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { signIn } from "~/server/auth";

export type LoginState = { error: "invalid" } | { error: "throttled"; retryAfterSeconds: number } | null;

const form = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  callbackUrl: z.string().max(500).optional(),
});

export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = form.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "invalid" };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(parsed.data.callbackUrl),
    });
    return null;
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code ?? "";
      const throttled = /^throttled-(\d+)$/.exec(code);
      if (throttled) return { error: "throttled", retryAfterSeconds: Number(throttled[1]) };
      return { error: "invalid" };
    }
    throw err; // the success redirect
  }
}
