import { CampaignEditor } from "~/components/campaigns/campaign-editor";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function NewCampaignPage() {
  await requireUser("OPERATOR");
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.campaigns.newCampaign} />
      <CampaignEditor canEdit initial={{ id: null, name: "", description: "", tests: [] }} />
    </>
  );
}
