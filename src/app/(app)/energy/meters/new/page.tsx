import { MeterForm } from "~/components/meters/meter-form";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";

export default async function NewMeterPage() {
  await requireUser("ADMIN");
  const t = await getMessages();
  return (
    <>
      <PageHeader title={t.meters.newMeter} />
      <MeterForm />
    </>
  );
}
