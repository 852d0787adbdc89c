import { notFound } from "next/navigation";
import { ReportView } from "~/components/campaigns/report-view";
import { PageHeader } from "~/components/ui/card";
import { hasRole } from "~/lib/roles";
import { db } from "~/server/db";
import { requireUser } from "~/server/session";

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const report = await db.campaignReport.findUnique({ where: { id }, select: { name: true } });
  if (!report) notFound();
  return (
    <>
      <PageHeader title={report.name} />
      <ReportView id={id} canCancel={hasRole(user.role, "OPERATOR")} />
    </>
  );
}
