import { Suspense, type ReactNode } from "react";
import { EnergyNav } from "~/components/metering/energy-nav";

/** The energy tabs; their client screens read the meter scope from the URL, hence the Suspense. */
export default function EnergyLayout({ children }: { children: ReactNode }) {
  return (
    <Suspense>
      <EnergyNav />
      {children}
    </Suspense>
  );
}
