"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale, setTheme, signOutAction } from "~/server/actions/account";
import { Icon } from "~/components/ui/icons";
import { useI18n } from "~/i18n/client";
import { locales, dictionaries } from "~/i18n/locales";

export function UserMenu({ name, role }: { name: string; role: "ADMIN" | "OPERATOR" | "VIEWER" }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const toggleTheme = () => {
    const dark = !document.documentElement.classList.contains("dark");
    document.documentElement.classList.toggle("dark", dark);
    start(() => setTheme(dark ? "dark" : "light"));
  };
  return (
    <div className="flex items-center gap-2 text-sm">
      <Link href="/account" title={t.account.title} className="hidden text-slate-600 hover:underline sm:inline dark:text-slate-300">
        {name} · {t.roles[role]}
      </Link>
      <label className="sr-only" htmlFor="locale-select">
        {t.shell.language}
      </label>
      <select
        id="locale-select"
        value={locale}
        disabled={pending}
        onChange={(e) =>
          start(async () => {
            await setLocale(e.target.value);
            router.refresh();
          })
        }
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-600 dark:bg-slate-800"
      >
        {locales.map((l) => (
          <option key={l} value={l}>
            {dictionaries[l].localeName}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={toggleTheme}
        aria-label={t.shell.theme}
        title={t.shell.theme}
        className="rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <Icon name="theme" />
      </button>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
          {t.shell.signOut}
        </button>
      </form>
    </div>
  );
}
