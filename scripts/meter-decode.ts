/**
 * npm run meter:decode -- [--protocol auto|iec62056-21|dsmr|dlms] [--key HEX] [--auth-key HEX] [--lenient] FILE
 * Prints every frame of a capture as JSON (normalised fields with units, checksum, meter id, time)
 * or a clear error per bad frame; exits 1 when no frame decoded, 2 on bad arguments.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { hexKey } from "../src/metering/meters/schemas";
import { decodeCapture } from "../src/metering/decode-capture";

const keyBytes = hexKey.transform((h) => Buffer.from(h, "hex"));
const argsSchema = z.object({
  protocol: z.enum(["auto", "iec62056-21", "dsmr", "dlms"]).default("auto"),
  key: keyBytes.optional(),
  "auth-key": keyBytes.optional(),
  lenient: z.boolean().default(false),
  file: z.string().min(1, "the capture file to decode"),
});

let args: z.infer<typeof argsSchema>;
try {
  const { values, positionals } = parseArgs({
    options: { protocol: { type: "string" }, key: { type: "string" }, "auth-key": { type: "string" }, lenient: { type: "boolean" } },
    allowPositionals: true,
  });
  const parsed = argsSchema.safeParse({ ...values, file: positionals[0] ?? "" });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("\n"));
  args = parsed.data;
} catch (err) {
  console.error(`${(err as Error).message}\nUsage: npm run meter:decode -- [--protocol auto|iec62056-21|dsmr|dlms] [--key HEX] [--auth-key HEX] [--lenient] FILE`);
  process.exit(2);
}

let bytes: Buffer;
try {
  bytes = readFileSync(args.file);
} catch (err) {
  console.error(`Cannot read ${args.file}: ${(err as Error).message}`);
  process.exit(2);
}

const results = decodeCapture(bytes, { protocol: args.protocol, keys: { key: args.key, authKey: args["auth-key"] }, lenient: args.lenient });
for (const [index, result] of results.entries()) {
  if ("frame" in result) {
    const { objects, ...frame } = result.frame;
    console.log(JSON.stringify({ frame: index + 1, ...frame, objects }, null, 2));
  } else {
    console.log(JSON.stringify({ frame: index + 1, error: { code: result.error.code, message: result.error.message } }, null, 2));
  }
}
process.exit(results.some((r) => "frame" in r) ? 0 : 1);
