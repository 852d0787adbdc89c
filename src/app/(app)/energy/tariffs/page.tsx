import { CostSummary } from "~/components/metering/cost-summary";
import { TariffsEditor } from "~/components/metering/tariffs-editor";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";

export default async function TariffsPage() {
  const user = await requireUser();
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.tariffs.title} />
      <div className="space-y-6">
        <CostSummary />
        <TariffsEditor canEdit={hasRole(user.role, "OPERATOR")} />
      </div>
    </>
  );
}
