/** The COSEM unit enumeration (IEC 62056-62) for the quantities meters report; DLMS and SML share it. */
const unitNames: Record<number, string> = {
  8: "°",
  9: "°C",
  27: "W",
  28: "VA",
  29: "var",
  30: "Wh",
  31: "VAh",
  32: "varh",
  33: "A",
  35: "V",
  44: "Hz",
  56: "%",
  255: "",
};

/** The unit's symbol, or null for units no reading field uses. */
export const cosemUnitName = (code: number): string | null => unitNames[code] ?? null;
