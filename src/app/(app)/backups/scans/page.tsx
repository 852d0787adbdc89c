import { BackupScansTable } from "~/components/backups/scans-table";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function BackupScansPage() {
  await requireUser();
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.backups.scanHistory} />
      <BackupScansTable />
    </>
  );
}
