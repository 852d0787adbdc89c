"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

const tabs = [
  { href: "/energy", key: "dashboard" },
  { href: "/energy/history", key: "history" },
  { href: "/energy/analysis", key: "analysis" },
  { href: "/energy/events", key: "events" },
  { href: "/energy/meters", key: "meters" },
  { href: "/energy/tariffs", key: "tariffs" },
] as const;

/** The meter the energy screens look at (`?meter=`), or undefined for the whole site. */
export function useEnergyScope(): string | undefined {
  return useSearchParams().get("meter") || undefined;
}

/** Tabs of the energy screens and the site / meter scope they share (kept in the URL). */
export function EnergyNav() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const pathname = usePathname();
  const router = useRouter();
  const meterId = useEnergyScope();
  const meters = useQuery(trpc.meters.list.queryOptions());
  const query = meterId ? `?meter=${encodeURIComponent(meterId)}` : "";
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 dark:border-slate-700">
      <nav aria-label={t.energy.title} className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const active = tab.href === "/energy" ? pathname === "/energy" : pathname.startsWith(tab.href);
          return (
            <Link
              key={tab.href}
              href={`${tab.href}${query}`}
              aria-current={active ? "page" : undefined}
              className={`border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-sky-600 text-sky-700 dark:text-sky-400" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"}`}
            >
              {t.energy.tabs[tab.key]}
            </Link>
          );
        })}
      </nav>
      <label className="mb-2 flex items-center gap-2 text-sm">
        <span className="text-slate-500">{t.energy.scope}</span>
        <select
          className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
          value={meterId ?? ""}
          onChange={(e) => router.replace(`${pathname}${e.target.value ? `?meter=${encodeURIComponent(e.target.value)}` : ""}`)}
          data-testid="energy-scope"
        >
          <option value="">{t.energy.site}</option>
          {meters.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
