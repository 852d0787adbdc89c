import { headers } from "next/headers";
import { BackupJobDetail } from "~/components/backups/job-detail";
import { PageHeader } from "~/components/ui/card";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";
import { getQueryClient, HydrateClient, orNotFound, trpc } from "~/trpc/server";

export default async function BackupJobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const job = await orNotFound(getQueryClient().fetchQuery(trpc.backups.get.queryOptions({ id })));
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
  return (
    <>
      <PageHeader title={job.name} />
      <HydrateClient>
        <BackupJobDetail id={id} canEdit={hasRole(user.role, "OPERATOR")} origin={origin} />
      </HydrateClient>
    </>
  );
}
