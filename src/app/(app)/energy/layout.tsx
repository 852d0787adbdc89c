import { Suspense, type ReactNode } from "react";
import { EnergyNav } from "~/components/energy/energy-nav";

export default function EnergyLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <Suspense>
        <EnergyNav />
      </Suspense>
      {children}
    </>
  );
}
