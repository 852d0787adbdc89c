import { UsersAdmin } from "~/components/admin/users-admin";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function UsersPage() {
  const me = await requireUser("ADMIN");
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.users.title} />
      <UsersAdmin currentUserId={me.id} />
    </>
  );
}
