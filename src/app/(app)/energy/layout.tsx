import { Suspense, type ReactNode } from "react";
import { EnergyNav } from "~/components/metering/energy-nav";
import { SiteZoneProvider } from "~/components/metering/site-zone";
import { requireUser } from "~/server/session";
import { serverApi } from "~/trpc/server";

/** The energy tabs, in the site's time zone; their client screens read the meter scope from the URL, hence the Suspense. */
export default async function EnergyLayout({ children }: { children: ReactNode }) {
  await requireUser();
  const timeZone = await (await serverApi()).metering.timezone();
  return (
    <SiteZoneProvider timeZone={timeZone}>
      <Suspense>
        <EnergyNav />
        {children}
      </Suspense>
    </SiteZoneProvider>
  );
}
