import Link from "next/link";
import { MetersList } from "~/components/meters/meters-list";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";

export default async function MetersPage() {
  const user = await requireUser();
  const t = await getMessages();
  const isAdmin = hasRole(user.role, "ADMIN");
  return (
    <>
      <PageHeader title={t.meters.title}>
        {isAdmin && (
          <Link href="/energy/meters/new" className="rounded-md bg-sky-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-sky-700">
            {t.meters.newMeter}
          </Link>
        )}
      </PageHeader>
      <MetersList canEdit={isAdmin} />
    </>
  );
}
