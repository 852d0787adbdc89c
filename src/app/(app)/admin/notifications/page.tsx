import { NotificationsAdmin } from "~/components/admin/notifications-admin";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function NotificationsPage() {
  await requireUser("ADMIN");
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.notifications.title} />
      <NotificationsAdmin />
    </>
  );
}
