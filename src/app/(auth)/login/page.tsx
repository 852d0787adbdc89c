import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getMessages } from "~/i18n/server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { getCurrentUser } from "~/server/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Connexion" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  if (await getCurrentUser()) redirect(safeRedirectPath(params.callbackUrl));
  const t = await getMessages();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <div className="mb-6 flex items-center gap-2">
          {/* biome-ignore lint/performance/noImgElement: a small static SVG icon gains nothing from image optimisation */}
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <h1 className="text-xl font-semibold">{t.login.title}</h1>
        </div>
        <LoginForm
          callbackUrl={params.callbackUrl}
          notice={params.expired === "1" ? t.login.expired : params.passwordChanged === "1" ? t.login.passwordChanged : null}
        />
      </div>
    </main>
  );
}
