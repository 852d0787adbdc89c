import { notFound } from "next/navigation";
import { MeterForm } from "~/components/meters/meter-form";
import type { DlmsProfileName } from "~/metering/dlms/profile-names";
import { PageHeader } from "~/components/ui/card";
import { getMessages } from "~/i18n/server";
import { publicMeter } from "~/metering/meters/meters";
import { db } from "~/server/db";
import { requireUser } from "~/server/session";

export default async function EditMeterPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("ADMIN");
  const t = await getMessages();
  const { id } = await params;
  const row = await db.meter.findUnique({ where: { id } });
  if (!row) notFound();
  const m = publicMeter(row);
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
