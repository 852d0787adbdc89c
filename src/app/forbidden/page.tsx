import Link from "next/link";
import { getMessages } from "~/i18n/server";

export default async function ForbiddenPage() {
  const t = await getMessages();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-5xl font-bold text-slate-300">403</p>
        <h1 className="mt-2 text-xl font-semibold">{t.forbidden.title}</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">{t.forbidden.body}</p>
        <Link href="/" className="mt-6 inline-block text-sky-700 underline dark:text-sky-400">
          {t.forbidden.back}
        </Link>
      </div>
    </main>
  );
}
