import { AlertsTable } from "~/components/alerts/alerts-table";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser();
  const t = await getMessages();
  const params = await searchParams;
  const acknowledged = params.acknowledged === "true" ? true : params.acknowledged === "false" ? false : undefined;
  return (
    <>
      <PageHeader title={t.alerts.title} />
      <AlertsTable initialFilter={{ acknowledged }} canAcknowledge={hasRole(user.role, "OPERATOR")} />
    </>
  );
}
