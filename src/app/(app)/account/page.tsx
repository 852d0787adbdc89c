import { PasswordChange } from "~/components/account/password-change";
import { Card, PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { passwordPolicy } from "~/platform/users/password";
import { requireUser } from "~/server/session";

export default async function AccountPage() {
  const user = await requireUser();
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.account.title} />
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300" data-testid="account-identity">
        {user.name} · {user.email} · {t.roles[user.role]}
      </p>
      <Card title={t.account.changePassword}>
        <PasswordChange minLength={passwordPolicy.minLength} />
      </Card>
    </>
  );
}
