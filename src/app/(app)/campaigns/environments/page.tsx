import { EnvironmentsEditor } from "~/components/campaigns/environments-editor";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";

export default async function EnvironmentsPage() {
  const user = await requireUser();
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.campaigns.environments} />
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t.campaigns.environmentsIntro}</p>
      <EnvironmentsEditor canEdit={hasRole(user.role, "OPERATOR")} />
    </>
  );
}
