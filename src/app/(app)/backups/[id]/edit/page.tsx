import { BackupJobForm } from "~/components/backups/job-form";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";
import { orNotFound, serverApi } from "~/trpc/server";

export default async function EditBackupPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("OPERATOR");
  const t = await getMessages();
  const { id } = await params;
  const job = await orNotFound((await serverApi()).backups.get({ id }));
  const { name, description, location, pattern, recursive, scheduleKind, intervalMinutes, cronExpression, timezone, graceMinutes, paused } = job;
  return (
    <>
      <PageHeader title={`${t.backups.editJob} — ${job.name}`} />
      <BackupJobForm
        job={{
          id,
          name,
          description,
          location,
          pattern,
          recursive,
          scheduleKind,
          intervalMinutes,
          cronExpression,
          timezone,
          graceMinutes,
          paused,
          minSizeBytes: Number(job.minSizeBytes),
        }}
      />
    </>
  );
}
