import Link from "next/link";
import { MeterOverview } from "~/components/meters/meter-overview";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";
import { orNotFound, serverApi } from "~/trpc/server";

export default async function MeterPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const t = await getMessages();
  const { id } = await params;
  const meter = await orNotFound((await serverApi()).meters.get({ id }));
  return (
    <>
      <PageHeader title={meter.name}>
        {hasRole(user.role, "ADMIN") && (
          <Link href={`/energy/meters/${id}/edit`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600">
            {t.common.edit}
          </Link>
        )}
      </PageHeader>
      <MeterOverview meterId={id} canOperate={hasRole(user.role, "OPERATOR")} />
    </>
  );
}
