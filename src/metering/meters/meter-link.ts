import { z } from "zod";
import type { Meter } from "../../generated/prisma/client";
import { secretBox } from "../../platform/secret-box";
import type { CipherKeys } from "../dlms/cipher";
import type { DlmsProfileName } from "../dlms/profile-names";
import { memoryLinkPair, type ByteLink } from "../links/byte-link";
import { SerialByteLink } from "../links/serial-link";
import { runSimulatedMeter, type SimulatedProtocol } from "../simulator/device";

export const simulatorOptionsSchema = z.object({
  seed: z.number().int().optional(),
  baseLoadW: z.number().min(0).max(1e7).optional(),
  workLoadW: z.number().min(0).max(1e7).optional(),
  pvPeakW: z.number().min(0).max(1e7).optional(),
  incidents: z.boolean().optional(),
  intervalMs: z.number().int().min(100).max(3_600_000).optional(),
  startRegisters: z.record(z.string().regex(/^[12]\.8\.[0-9]$/), z.number().min(0).max(1e9)).optional(),
  /** A simulated DLMS meter's push format (E450: structures with scaler-unit, or the CII push object list). */
  dlmsLayout: z.enum(["obis-scaler", "push-object-list"]).optional(),
});

/** The meter's AES keys, opened from their sealed form, and whether it accepts frames without authentication. */
export function meterKeys(meter: Pick<Meter, "encryptionKey" | "authenticationKey" | "refuseUnauthenticated">): CipherKeys {
  const open = (sealed: string | null) => (sealed ? Buffer.from(secretBox().open(sealed), "hex") : null);
  return { key: open(meter.encryptionKey), authKey: open(meter.authenticationKey), refuseUnauthenticated: meter.refuseUnauthenticated };
}

/** How the worker decodes a meter's bytes: its keys and, for DLMS, the profile chosen for it. */
export function meterDecoding(meter: Pick<Meter, "encryptionKey" | "authenticationKey" | "refuseUnauthenticated" | "dlmsProfile" | "lastFrameCounter">) {
  return {
    keys: meterKeys(meter),
    dlmsProfile: (meter.dlmsProfile ?? undefined) as DlmsProfileName | undefined,
    lastFrameCounter: meter.lastFrameCounter === null ? null : Number(meter.lastFrameCounter),
  };
}

const simulatedProtocol: Record<Meter["protocol"], SimulatedProtocol> = { DSMR: "dsmr", DLMS: "dlms", IEC62056_21: "iec62056-21", SML: "sml" };

/**
 * A link to the meter: its serial port, or for a SIMULATED meter the E450 simulator running in
 * this process on the other end of an in-memory wire (stopped when the link closes).
 */
export function openMeterLink(meter: Meter): ByteLink {
  if (meter.transport === "SERIAL") {
    if (!meter.portPath) throw new Error(`${meter.name} has no serial port`);
    return new SerialByteLink(
      {
        path: meter.portPath,
        baudRate: meter.baudRate,
        dataBits: meter.dataBits as 7 | 8,
        parity: meter.parity as "none" | "even" | "odd",
        stopBits: meter.stopBits as 1 | 2,
      },
      `meter ${meter.name}`,
    );
  }
  if (meter.transport !== "SIMULATED") throw new Error(`${meter.name} is fed by a remote datalogger, not a link`);
  const [host, device] = memoryLinkPair();
  const options = simulatorOptionsSchema.parse(meter.simulator ?? {});
  const keys = meterKeys(meter);
  let stop: (() => void) | null = null;
  return {
    ...host,
    async open() {
      stop = runSimulatedMeter(device, {
        ...options,
        protocol: simulatedProtocol[meter.protocol],
        meterId: meter.serialNumber ?? meter.id.slice(-10).toUpperCase(),
        keys: keys.key && keys.authKey ? { key: keys.key, authKey: keys.authKey } : undefined,
        dlmsLayout: options.dlmsLayout,
        intervalMs: options.intervalMs ?? meter.pollIntervalSeconds * 1000,
      });
    },
    async close() {
      stop?.();
      stop = null;
    },
  };
}
