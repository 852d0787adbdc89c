"use client";

import { createContext, type ReactNode, useContext } from "react";

const SiteZone = createContext<string | null>(null);

/** The site's time zone (energy.timezone) for the energy screens below, read once by their layout. */
export function SiteZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <SiteZone.Provider value={timeZone}>{children}</SiteZone.Provider>;
}

export function useSiteZone(): string {
  const zone = useContext(SiteZone);
  if (!zone) throw new Error("useSiteZone outside SiteZoneProvider");
  return zone;
}
