import Link from "next/link";
import { CostSummary } from "~/components/energy/cost-summary";
import { MetersList } from "~/components/meters/meters-list";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";

export default async function EnergyPage() {
  const user = await requireUser();
  const t = await getMessages();
  const isAdmin = hasRole(user.role, "ADMIN");
  return (
    <>
      <PageHeader title={t.meters.title}>
        <Link href="/energy/tariffs" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
          {t.tariffs.link}
        </Link>
        {isAdmin && (
          <Link href="/energy/meters/new" className="rounded-md bg-sky-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-sky-700">
            {t.meters.newMeter}
          </Link>
        )}
      </PageHeader>
      <div className="space-y-6">
        <CostSummary />
        <MetersList canEdit={isAdmin} />
      </div>
    </>
  );
}
