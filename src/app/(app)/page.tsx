import { LatestAlerts } from "~/components/alerts/latest-alerts";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function DashboardPage() {
  await requireUser();
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.dashboard.title} />
      <div className="grid gap-4 lg:grid-cols-2">
        <LatestAlerts />
      </div>
    </>
  );
}
