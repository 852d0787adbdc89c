import { headers } from "next/headers";
import { BackupJobDetail } from "~/components/backups/job-detail";
import { PageHeader } from "~/components/ui/card";
import { hasRole } from "~/lib/roles";
import { db } from "~/server/db";
import { requireUser } from "~/server/session";
import { notFound } from "next/navigation";

export default async function BackupJobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const job = await db.backupJob.findUnique({ where: { id }, select: { name: true } });
  if (!job) notFound();
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
  return (
    <>
      <PageHeader title={job.name} />
      <BackupJobDetail id={id} canEdit={hasRole(user.role, "OPERATOR")} origin={origin} />
    </>
  );
}
