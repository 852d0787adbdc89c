import { ApiTokensAdmin } from "~/components/admin/api-tokens-admin";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function ApiTokensPage() {
  await requireUser("ADMIN");
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.apiTokens.title} />
      <ApiTokensAdmin />
    </>
  );
}
