import Link from "next/link";
import { Card, PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function AdminPage() {
  await requireUser("ADMIN");
  const t = await getMessages();
  const sections = [
    { href: "/admin/system", title: t.admin.system, intro: t.admin.systemIntro },
    { href: "/admin/users", title: t.admin.users, intro: t.admin.usersIntro },
    { href: "/admin/settings", title: t.admin.settings, intro: t.admin.settingsIntro },
    { href: "/admin/notifications", title: t.admin.notifications, intro: t.admin.notificationsIntro },
    { href: "/admin/api-tokens", title: t.admin.apiTokens, intro: t.admin.apiTokensIntro },
  ];
  return (
    <>
      <PageHeader title={t.admin.title} />
      <div className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <Link key={s.href} href={s.href} className="block rounded-lg focus-visible:outline-2">
            <Card title={s.title} className="h-full hover:border-sky-400">
              <p className="text-sm text-slate-600 dark:text-slate-400">{s.intro}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
