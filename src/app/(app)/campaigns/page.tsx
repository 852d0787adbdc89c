import Link from "next/link";
import { PostmanImport } from "~/components/campaigns/postman-import";
import { ReportCounts, ReportStatusBadge } from "~/components/campaigns/status-badges";
import { RelativeTime } from "~/components/ui/relative-time";
import { PageHeader } from "~/components/ui/card";
import { DataTable } from "~/components/ui/table";
import { getMessages } from "~/i18n/server";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";
import { serverApi } from "~/trpc/server";

export default async function CampaignsPage() {
  const user = await requireUser();
  const t = await getMessages();
  const campaigns = await (await serverApi()).campaigns.list();
  return (
    <>
      <PageHeader title={t.campaigns.title}>
        <Link href="/campaigns/environments" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
          {t.campaigns.environments}
        </Link>
        {hasRole(user.role, "OPERATOR") && (
          <Link href="/campaigns/new" className="rounded-md bg-sky-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-sky-700">
            {t.campaigns.newCampaign}
          </Link>
        )}
      </PageHeader>
      {hasRole(user.role, "OPERATOR") && (
        <div className="mb-4">
          <PostmanImport />
        </div>
      )}
      {campaigns.length === 0 ? (
        <p className="text-sm text-slate-500">{t.campaigns.empty}</p>
      ) : (
        <DataTable
          columns={[
            { key: "name", label: t.common.name },
            { key: "tests", label: t.campaigns.tests },
            { key: "last", label: t.campaigns.lastRun },
            { key: "counts", label: t.campaigns.results },
            { key: "when", label: t.backups.startedAt },
            { key: "reports", label: t.campaigns.reports },
          ]}
        >
          {campaigns.map((c) => (
            <tr key={c.id} data-testid="campaign-row">
              <td className="px-3 py-2">
                <Link href={`/campaigns/${c.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {c.name}
                </Link>
                <div className="text-xs text-slate-500">{c.description}</div>
              </td>
              <td className="px-3 py-2">{c.kind === "POSTMAN" ? t.campaigns.postmanKind : t.campaigns.testsCount(c._count.tests)}</td>
              {c.reports[0] ? (
                <>
                  <td className="px-3 py-2" data-testid="campaign-last-run">
                    <Link href={`/campaigns/reports/${c.reports[0].id}`} className="inline-flex items-center gap-2">
                      <ReportStatusBadge status={c.reports[0].status} />
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <ReportCounts passed={c.reports[0].passed} failed={c.reports[0].failed} skipped={c.reports[0].skipped} />
                  </td>
                  <td className="px-3 py-2">
                    <RelativeTime date={c.reports[0].startedAt ?? c.reports[0].createdAt} />
                  </td>
                </>
              ) : (
                <td className="px-3 py-2 text-slate-500" colSpan={3} data-testid="campaign-last-run">
                  {t.campaigns.neverRun}
                </td>
              )}
              <td className="px-3 py-2">{c._count.reports}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
