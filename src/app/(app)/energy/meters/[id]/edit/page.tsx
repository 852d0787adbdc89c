import { MeterForm } from "~/components/meters/meter-form";
import type { DlmsProfileName } from "~/metering/dlms/profile-names";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/server/session";
import { orNotFound, serverApi } from "~/trpc/server";

export default async function EditMeterPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("ADMIN");
  const t = await getMessages();
  const { id } = await params;
  const m = await orNotFound((await serverApi()).meters.get({ id }));
  return (
    <>
      <PageHeader title={`${t.meters.editMeter} — ${m.name}`} />
      <MeterForm
        meter={{
          id: m.id,
          name: m.name,
          serialNumber: m.serialNumber ?? "",
          protocol: m.protocol,
          transport: m.transport,
          portPath: m.portPath ?? "",
          baudRate: m.baudRate,
          dataBits: m.dataBits as 7 | 8,
          parity: m.parity as "none" | "even" | "odd",
          stopBits: m.stopBits as 1 | 2,
          dlmsLink: (m.dlmsLink ?? "hdlc") as "hdlc" | "mbus",
          dlmsProfile: (m.dlmsProfile ?? "") as DlmsProfileName | "",
          refuseUnauthenticated: m.refuseUnauthenticated,
          deviceAddress: m.deviceAddress,
          pollIntervalSeconds: m.pollIntervalSeconds,
          enabled: m.enabled,
          hasEncryptionKey: m.hasEncryptionKey,
          hasAuthenticationKey: m.hasAuthenticationKey,
        }}
      />
    </>
  );
}
