"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "~/i18n/client";
import { hasRole, type Role } from "~/lib/roles";
import { Icon } from "~/components/ui/icons";

const items = [
  { href: "/", key: "dashboard", icon: "dashboard", minRole: "VIEWER" },
  { href: "/energy", key: "energy", icon: "energy", minRole: "VIEWER" },
  { href: "/backups", key: "backups", icon: "backups", minRole: "VIEWER" },
  { href: "/campaigns", key: "campaigns", icon: "campaigns", minRole: "VIEWER" },
  { href: "/alerts", key: "alerts", icon: "bell", minRole: "VIEWER" },
  { href: "/admin", key: "admin", icon: "admin", minRole: "ADMIN" },
] as const;

export function NavLinks({ role }: { role: Role }) {
  const { t } = useI18n();
  const pathname = usePathname();
  return (
    <nav aria-label={t.nav.mainNavigation}>
      <ul className="space-y-1">
        {items
          .filter((item) => hasRole(role, item.minRole))
          .map((item) => {
            const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium ${
                    active
                      ? "bg-sky-50 text-sky-800 dark:bg-sky-900/40 dark:text-sky-200"
                      : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                  }`}
                >
                  <Icon name={item.icon} />
                  {t.nav[item.key]}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
