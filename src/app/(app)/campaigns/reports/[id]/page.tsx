import { ReportView } from "~/components/campaigns/report-view";
import { PageHeader } from "~/components/ui/card";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";
import { getQueryClient, HydrateClient, orNotFound, trpc } from "~/trpc/server";

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const report = await orNotFound(getQueryClient().fetchQuery(trpc.campaigns.report.queryOptions({ id })));
  return (
    <>
      <PageHeader title={report.name} />
      <HydrateClient>
        <ReportView id={id} canCancel={hasRole(user.role, "OPERATOR")} />
      </HydrateClient>
    </>
  );
}
