/**
 * npm run meter:decode -- [--protocol auto|iec62056-21|dsmr|dlms|sml] [--key HEX] [--auth-key HEX]
 *   [--profile NAME] [--lenient] [--allow-unauthenticated] [--hex] FILE|HEX
 * Prints every frame of a capture as JSON (normalised fields with units, checksum, meter id, time)
 * or, per bad frame, which check refused it and why; exits 1 when no frame decoded, 2 on bad
 * arguments. With --hex, FILE holds a hex dump (spaces, colons and 0x allowed), or is the hex itself:
 * a bare APDU (`0F …`, `E6E700 0F …`, `DB 08 …`) or any capture.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { dlmsProfileNames } from "../src/metering/dlms/profile-names";
import { hexKey } from "../src/metering/meters/schemas";
import { decodeCapture } from "../src/metering/decode-capture";
import type { MeterDecodeErrorCode } from "../src/metering/errors";

const USAGE = `Usage: npm run meter:decode -- [--protocol auto|iec62056-21|dsmr|dlms|sml] [--key HEX] [--auth-key HEX] [--profile ${dlmsProfileNames.join("|")}] [--lenient] [--allow-unauthenticated] [--hex] FILE|HEX`;
const keyBytes = hexKey.transform((h) => Buffer.from(h, "hex"));
const argsSchema = z.object({
  protocol: z.enum(["auto", "iec62056-21", "dsmr", "dlms", "sml"]).default("auto"),
  key: keyBytes.optional(),
  "auth-key": keyBytes.optional(),
  profile: z.enum(dlmsProfileNames).optional(),
  lenient: z.boolean().default(false),
  "allow-unauthenticated": z.boolean().default(false),
  hex: z.boolean().default(false),
  input: z.string().min(1, "the capture file to decode"),
});

/** Which check each refusal comes from, for a reader who does not know the codes. */
const checks: Record<MeterDecodeErrorCode, string> = {
  CHECKSUM: "integrity check (DSMR CRC, IEC block check, HDLC HCS/FCS, M-Bus sum, SML CRC)",
  TRUNCATED: "completeness (the frame ends before its declared or expected end)",
  FORMAT: "syntax (these bytes are not the protocol's structure)",
  AUTHENTICATION: "authentication (GCM tag, or a frame less protected than the meter's keys require)",
  REPLAY: "frame counter (not above the last accepted one)",
  KEY: "keys (missing or malformed for a ciphered frame)",
  UNSUPPORTED: "supported variants (valid, but not a variant this decoder knows)",
};

let args: z.infer<typeof argsSchema>;
try {
  const { values, positionals } = parseArgs({
    options: {
      protocol: { type: "string" },
      key: { type: "string" },
      "auth-key": { type: "string" },
      profile: { type: "string" },
      lenient: { type: "boolean" },
      "allow-unauthenticated": { type: "boolean" },
      hex: { type: "boolean" },
    },
    allowPositionals: true,
  });
  const parsed = argsSchema.safeParse({ ...values, input: positionals.join(" ") });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("\n"));
  args = parsed.data;
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}

function readInput(): Buffer {
  const isFile = existsSync(args.input);
  if (!args.hex) return readFileSync(args.input);
  const text = isFile ? readFileSync(args.input, "latin1") : args.input;
  const digits = text.replace(/0x/gi, "").replace(/[\s:,-]/g, "");
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(digits)) throw new Error(`--hex: ${isFile ? args.input : "the argument"} is not a hex dump (pairs of hexadecimal digits)`);
  return Buffer.from(digits, "hex");
}

let bytes: Buffer;
try {
  bytes = readInput();
} catch (err) {
  console.error(`Cannot read ${args.input}: ${(err as Error).message}`);
  process.exit(2);
}

const results = decodeCapture(bytes, {
  protocol: args.protocol,
  keys: { key: args.key, authKey: args["auth-key"], refuseUnauthenticated: !args["allow-unauthenticated"] },
  dlmsProfile: args.profile,
  lenient: args.lenient,
});
for (const [index, result] of results.entries()) {
  if ("frame" in result) {
    const { objects, ...frame } = result.frame;
    console.log(JSON.stringify({ frame: index + 1, ...frame, objects }, null, 2));
  } else {
    console.log(
      JSON.stringify({ frame: index + 1, error: { code: result.error.code, check: checks[result.error.code], message: result.error.message } }, null, 2),
    );
  }
}
process.exit(results.some((r) => "frame" in r) ? 0 : 1);
