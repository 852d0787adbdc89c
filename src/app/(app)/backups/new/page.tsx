import { BackupJobForm } from "~/components/backups/job-form";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function NewBackupPage() {
  await requireUser("OPERATOR");
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.backups.newJob} />
      <BackupJobForm />
    </>
  );
}
