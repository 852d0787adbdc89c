import { AlertsTable } from "~/components/alerts/alerts-table";
import { hasRole } from "~/lib/roles";
import { requireUser } from "~/server/session";

/** The meters' events: the shared alert list, narrowed to meters (or the meter in scope). */
export default async function EnergyEventsPage({ searchParams }: { searchParams: Promise<{ meter?: string }> }) {
  const user = await requireUser();
  const { meter } = await searchParams;
  return (
    <AlertsTable key={meter ?? "site"} initialFilter={{ sourceKind: "METER", sourceId: meter }} lockSource canAcknowledge={hasRole(user.role, "OPERATOR")} />
  );
}
