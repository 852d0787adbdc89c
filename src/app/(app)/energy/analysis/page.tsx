import { EnergyAnalysis } from "~/components/metering/energy-analysis";
import { requireUser } from "~/server/session";

export default async function EnergyAnalysisPage() {
  await requireUser();
  return <EnergyAnalysis />;
}
