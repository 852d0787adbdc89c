import { CampaignActions } from "~/components/campaigns/campaign-actions";
import { CampaignEditor } from "~/components/campaigns/campaign-editor";
import { PostmanRequests } from "~/components/campaigns/postman-requests";
import { ReportsList } from "~/components/campaigns/reports-list";
import { Card, PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";
import { orNotFound, serverApi } from "~/trpc/server";

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const t = await getMessages();
  const { id } = await params;
  const campaign = await orNotFound((await serverApi()).campaigns.get({ id }));
  const canEdit = hasRole(user.role, "OPERATOR");
  return (
    <>
      <PageHeader title={campaign.name}>{canEdit && <CampaignActions campaignId={id} postman={campaign.kind === "POSTMAN"} />}</PageHeader>
      <div className="space-y-6">
        <Card title={t.campaigns.reports}>
          <ReportsList campaignId={id} />
        </Card>
        {campaign.kind === "POSTMAN" ? (
          <Card title={`${t.campaigns.postmanKind} · ${t.campaigns.requestsCount(campaign.requests.length)}`}>
            <PostmanRequests requests={campaign.requests} notes={campaign.importNotes} />
          </Card>
        ) : (
          <CampaignEditor
            canEdit={canEdit}
            initial={{
              id,
              name: campaign.name,
              description: campaign.description,
              tests: campaign.tests.map((test) => ({
                name: test.name,
                actions: test.actions.map((a) => ({
                  type: a.type,
                  name: a.name,
                  paramsText: JSON.stringify(a.params, null, 2),
                  timeoutMs: a.timeoutMs,
                  retries: a.retries,
                })),
              })),
            }}
          />
        )}
      </div>
    </>
  );
}
