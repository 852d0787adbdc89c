import { LatestAlerts } from "~/components/alerts/latest-alerts";
import { BackupsSummary } from "~/components/home/backups-summary";
import { CampaignsSummary } from "~/components/home/campaigns-summary";
import { EnergySummary } from "~/components/home/energy-summary";
import { HealthSummary } from "~/components/home/health-summary";
import { SiteZoneProvider } from "~/components/metering/site-zone";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";
import { serverApi } from "~/trpc/server";

/** "Is everything fine?": energy, backups, campaigns, Vigie itself and the alerts waiting, all live. */
export default async function DashboardPage() {
  await requireUser();
  const t = await getMessages();
  const timeZone = await (await serverApi()).metering.timezone();
  return (
    <SiteZoneProvider timeZone={timeZone}>
      <PageHeader title={t.dashboard.title} />
      <div className="grid gap-4 xl:grid-cols-2">
        <EnergySummary />
        <BackupsSummary />
        <CampaignsSummary />
        <div className="space-y-4">
          <HealthSummary />
          <LatestAlerts />
        </div>
      </div>
    </SiteZoneProvider>
  );
}
