import { EnergyDashboard } from "~/components/energy/energy-dashboard";
import { requireUser } from "~/server/session";

export default async function EnergyDashboardPage() {
  await requireUser();
  return <EnergyDashboard />;
}
