import Link from "next/link";
import type { ReactNode } from "react";
import { AlertBell } from "~/components/shell/alert-bell";
import { NavLinks } from "~/components/shell/nav-links";
import { UserMenu } from "~/components/shell/user-menu";
import { getMessages } from "~/i18n/server";
import { db } from "~/server/web-db";
import { platformSettings } from "~/platform/settings/platform-settings";
import { getSetting } from "~/platform/settings/settings";
import { requireUser } from "~/server/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getMessages();
  const siteName = await getSetting(db, platformSettings.siteName);
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        {t.common.skipToContent}
      </a>
      <aside className="border-b border-slate-200 bg-white p-3 md:w-56 md:shrink-0 md:border-b-0 md:border-r dark:border-slate-800 dark:bg-slate-900">
        <Link href="/" className="mb-4 flex items-center gap-2 px-3 py-1 text-lg font-semibold">
          {/* biome-ignore lint/performance/noImgElement: a small static SVG icon gains nothing from image optimisation */}
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {siteName}
        </Link>
        <NavLinks role={user.role} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
          <AlertBell />
          <UserMenu name={user.name} role={user.role} />
        </header>
        <main id="main" className="flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
