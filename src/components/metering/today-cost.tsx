"use client";

import Link from "next/link";
import { Stat } from "~/components/ui/card";
import { useI18n } from "~/i18n/client";

/** Today's cost, or, without a contract, where to set one. */
export function TodayCost({ cost }: { cost: { total: number; currency: string | null } | null | undefined }) {
  const { t, locale } = useI18n();
  return (
    <Stat
      label={t.energy.todayCost}
      value={
        cost?.currency ? (
          new Intl.NumberFormat(locale, { style: "currency", currency: cost.currency }).format(cost.total)
        ) : (
          <Link href="/energy/tariffs" className="text-base font-medium text-sky-700 hover:underline dark:text-sky-400" data-testid="set-tariff">
            {t.energy.noTariff}
          </Link>
        )
      }
    />
  );
}
