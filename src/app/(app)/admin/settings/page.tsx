import { SettingsAdmin } from "~/components/admin/settings-admin";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function SettingsPage() {
  await requireUser("ADMIN");
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.settings.title} />
      <SettingsAdmin />
    </>
  );
}
