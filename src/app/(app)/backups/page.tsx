import Link from "next/link";
import { BackupJobsList } from "~/components/backups/jobs-list";
import { ScanButton } from "~/components/backups/scan-button";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";

export default async function BackupsPage() {
  const user = await requireUser();
  const t = await getMessages();
  const canEdit = hasRole(user.role, "OPERATOR");
  return (
    <>
      <PageHeader title={t.backups.title}>
        <Link href="/backups/scans" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
          {t.backups.scanHistory}
        </Link>
        {canEdit && (
          <>
            <ScanButton />
            <Link href="/backups/new" className="rounded-md bg-sky-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-sky-700">
              {t.backups.newJob}
            </Link>
          </>
        )}
      </PageHeader>
      <BackupJobsList canEdit={canEdit} />
    </>
  );
}
