import { EnergyHistory } from "~/components/metering/energy-history";
import { requireUser } from "~/server/session";

export default async function EnergyHistoryPage() {
  await requireUser();
  return <EnergyHistory />;
}
