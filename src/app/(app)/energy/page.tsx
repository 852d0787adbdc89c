import { EnergyDashboard } from "~/components/metering/energy-dashboard";
import { requireUser } from "~/server/session";

export default async function EnergyDashboardPage() {
  await requireUser();
  return <EnergyDashboard />;
}
