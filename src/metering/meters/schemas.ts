import { z } from "zod";
import { dlmsProfileNames } from "../dlms/profile-names";
import { simulatorOptionsSchema } from "./meter-link";

/** An AES-128 key as 32 hexadecimal characters (meter form, decode CLI, simulator). */
export const hexKey = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, "a key is 32 hexadecimal characters (AES-128)");

/**
 * A meter as the form sends it. Keys: a new value replaces the stored one, null removes it,
 * undefined keeps it (the form never receives keys back).
 */
export const meterInput = z
  .object({
    name: z.string().trim().min(1, "a name is required").max(100),
    serialNumber: z.string().trim().max(64).nullish(),
    protocol: z.enum(["IEC62056_21", "DSMR", "DLMS", "SML"]),
    transport: z.enum(["SERIAL", "SIMULATED", "REMOTE"]),
    portPath: z.string().trim().max(255).nullish(),
    baudRate: z
      .number()
      .int()
      .refine((b) => [300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(b), "unsupported baud rate")
      .default(115200),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
    parity: z.enum(["none", "even", "odd"]).default("none"),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    dlmsLink: z.enum(["hdlc", "mbus"]).nullish(),
    deviceAddress: z
      .string()
      .trim()
      .max(32)
      .regex(/^[0-9A-Za-z ]*$/, "letters and digits only")
      .default(""),
    encryptionKey: hexKey.nullish(),
    authenticationKey: hexKey.nullish(),
    refuseUnauthenticated: z.boolean().default(true),
    dlmsProfile: z.enum(dlmsProfileNames).nullish(),
    pollIntervalSeconds: z.number().int().min(1).max(86_400).default(60),
    enabled: z.boolean().default(true),
    thresholds: z.record(z.string(), z.number().finite()).default({}),
    simulator: simulatorOptionsSchema.nullish(),
  })
  .superRefine((m, ctx) => {
    if (m.transport === "SERIAL" && !m.portPath)
      ctx.addIssue({ code: "custom", path: ["portPath"], message: "a serial meter needs its port, e.g. /dev/ttyUSB0" });
    if (m.protocol === "DLMS" && !m.dlmsLink) ctx.addIssue({ code: "custom", path: ["dlmsLink"], message: "a DLMS meter needs its link layer: hdlc or mbus" });
  });

export type MeterInput = z.input<typeof meterInput>;
