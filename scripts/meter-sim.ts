/**
 * npm run meter:sim -- --protocol dsmr|iec62056-21|dlms|sml [--pty | --port /dev/ttyUSB0]
 *   [--interval MS] [--pv WATTS] [--seed N] [--key HEX --auth-key HEX] [--meter-id ID]
 *   [--layout obis-scaler|push-object-list]   (DLMS: the E450's two push formats; in clear without keys)
 * The E450 simulator on a real pseudo-terminal (a socat pair; the port to give Vigie is printed)
 * or on a serial port. Ctrl-C stops it.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { hexKey } from "../src/metering/meters/schemas";
import { SerialByteLink } from "../src/metering/links/serial-link";
import { openPtyPair } from "../src/metering/links/pty-pair";
import { runSimulatedMeter } from "../src/metering/simulator/device";

const keyBytes = hexKey.transform((h) => Buffer.from(h, "hex"));
const schema = z
  .object({
    protocol: z.enum(["dsmr", "iec62056-21", "dlms", "sml"]),
    layout: z.enum(["obis-scaler", "push-object-list"]).default("obis-scaler"),
    pty: z.boolean().default(false),
    port: z.string().optional(),
    interval: z.coerce.number().int().min(100).default(1000),
    pv: z.coerce.number().min(0).default(0),
    seed: z.coerce.number().int().default(1),
    key: keyBytes.optional(),
    "auth-key": keyBytes.optional(),
    "meter-id": z.string().min(1).max(32).default("E450SIM0001"),
  })
  .refine((a) => a.pty !== Boolean(a.port), "give either --pty or --port")
  .refine((a) => !a.key === !a["auth-key"], "give both --key and --auth-key, or neither (a push in clear)");

const { values } = parseArgs({
  options: {
    protocol: { type: "string" },
    layout: { type: "string" },
    pty: { type: "boolean" },
    port: { type: "string" },
    interval: { type: "string" },
    pv: { type: "string" },
    seed: { type: "string" },
    key: { type: "string" },
    "auth-key": { type: "string" },
    "meter-id": { type: "string" },
  },
});
const parsed = schema.safeParse(values);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("\n"));
  process.exit(2);
}
const args = parsed.data;
const pty = args.pty ? await openPtyPair() : null;
const path = pty?.meterSide ?? args.port!;
const link = new SerialByteLink({ path, baudRate: args.protocol === "iec62056-21" ? 300 : 115200, dataBits: 8, parity: "none", stopBits: 1 }, "simulator");
await link.open();
const stop = runSimulatedMeter(link, {
  protocol: args.protocol,
  intervalMs: args.interval,
  pvPeakW: args.pv,
  seed: args.seed,
  meterId: args["meter-id"],
  keys: args.key && args["auth-key"] ? { key: args.key, authKey: args["auth-key"] } : undefined,
  dlmsLayout: args.layout,
});
console.log(pty ? `Simulated ${args.protocol} meter ready: give Vigie the port ${pty.hostSide}` : `Simulated ${args.protocol} meter on ${path}`);
const shutdown = async () => {
  stop();
  await link.close();
  await pty?.close();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
