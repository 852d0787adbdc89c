import { SystemPanel } from "~/components/admin/system-panel";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function SystemPage() {
  await requireUser("ADMIN");
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.system.title} />
      <SystemPanel />
    </>
  );
}
