import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = async (...args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/meter-decode.ts", ...args]);
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
};
const dir = "tests/fixtures/meter-telegrams";

describe("npm run meter:decode", { timeout: 30_000 }, () => {
  it("prints each frame as JSON, detecting the protocol", async () => {
    const { code, stdout } = await run("--key", "5C316162209EBB790B52EB0E7FC5B11C", "--auth-key", "92705C5C97286064EABAE38D190F87A4", `${dir}/dlms_parser__lgz_e450_hdlc_gbt_encrypted_1.bin`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ frame: 1, protocol: "dlms", checksum: "valid", fields: { energyImportKwh: 4408.736 } });
  });

  it("prints a clear error per bad frame and exits non-zero when none decoded", async () => {
    const { code, stdout } = await run(`${dir}/smartmeter-obis__dsmr4_0_iskra_mt382.txt`);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ frame: 1, error: { code: "CHECKSUM", message: "CRC 522B does not match the telegram (2AAB)" } });
  });

  it("refuses a malformed key before reading anything", async () => {
    const { code, stdout } = await run("--key", "abc", `${dir}/openhab__smarty_lux_encrypted_frame.bin`);
    expect(code).toBe(2);
    expect(stdout).toMatch(/a key is 32 hexadecimal characters/);
  });
});
