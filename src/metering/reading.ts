import type { ObisValue, ReadingFields } from "./obis";

export type MeterProtocol = "iec62056-21" | "dsmr" | "dlms" | "sml";

/** A gas, water or heat meter read through the electricity meter's M-Bus. */
export type MbusChannelValue = {
  channel: number;
  deviceType: number | null;
  equipmentId: string | null;
  value: number;
  unit: string | null;
  timestamp: Date | null;
};

export type PowerFailure = { endedAt: Date | null; durationSeconds: number };

/** What every decoder produces: normalised fields plus everything it read, for debugging and export. */
export type DecodedFrame = {
  protocol: MeterProtocol;
  meterId: string | null;
  timestamp: Date | null;
  fields: ReadingFields;
  /** Tariff registers by OBIS "C.D.E" (1.8.1 = import tariff 1), in kWh or kvarh. */
  registers: Record<string, number>;
  mbus: MbusChannelValue[];
  objects: ObisValue[];
  /** "valid", or "absent" for formats without one (DSMR 2.2). */
  checksum: "valid" | "absent" | "ignored";
  header?: string;
  version?: string;
  powerFailures?: PowerFailure[];
  textMessage?: string;
  frameCounter?: number;
  /** When its last byte arrived, set by the link that received it. */
  receivedAt?: Date;
};

/** Net active power of a reading (import − export, W), or null when it carries neither. */
export function netPowerW(fields: { powerImportW?: number | null; powerExportW?: number | null }): number | null {
  return fields.powerImportW == null && fields.powerExportW == null ? null : (fields.powerImportW ?? 0) - (fields.powerExportW ?? 0);
}
