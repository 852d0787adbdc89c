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
    const { code, stdout } = await run(
      "--key",
      "5C316162209EBB790B52EB0E7FC5B11C",
      "--auth-key",
      "92705C5C97286064EABAE38D190F87A4",
      `${dir}/dlms_parser__lgz_e450_hdlc_gbt_encrypted_1.bin`,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ frame: 1, protocol: "dlms", checksum: "valid", fields: { energyImportKwh: 4408.736 } });
  });

  it("prints a clear error per bad frame and exits non-zero when none decoded", async () => {
    const { code, stdout } = await run(`${dir}/smartmeter-obis__dsmr4_0_iskra_mt382.txt`);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      frame: 1,
      error: { code: "CHECKSUM", check: expect.stringMatching(/^integrity check/), message: "CRC 522B does not match the telegram (2AAB)" },
    });
  });

  it("decodes a hex dump of a bare APDU, given inline or in a file, and says which check refused a bad one", async () => {
    const apdu = "e6e700 0f 40000000 00 0101 0203 0906 0100010700ff 06 00000118 0202 0f00 161b";
    const inline = await run("--hex", ...apdu.split(" "));
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.stdout)).toMatchObject({ protocol: "dlms", checksum: "absent", fields: { powerImportW: 280 } });
    const file = await run("--hex", "--protocol", "dlms", `${dir}/amshan__kaifa_se_list.apdu.hex`);
    expect(JSON.parse(file.stdout)).toMatchObject({ meterId: "7340734073407340", fields: { currentL1A: 6.781 } });
    const cut = await run("--hex", apdu.slice(0, -5));
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.stdout).error).toMatchObject({ code: "TRUNCATED", check: expect.stringMatching(/^completeness/) });
  });

  it("decodes SML and applies a chosen DLMS profile", async () => {
    const sml = await run(`${dir}/smllib__holley_dtz541.bin`);
    expect(JSON.parse(sml.stdout)).toMatchObject({ protocol: "sml", meterId: "1HLY0200271520", fields: { voltageL1V: 234.4 } });
    const e570 = await run("--profile", "landis-gyr-e570", `${dir}/scs__lgz_e570_ch_push_load_vse2026.bin`);
    expect(JSON.parse(e570.stdout)).toMatchObject({ fields: { currentL1A: 400, powerImportW: 258874 } });
  });

  it("refuses a plaintext push when keys are given, unless told to allow it", async () => {
    const keys = ["--key", "00".repeat(16), "--auth-key", "11".repeat(16)];
    const strict = await run(...keys, `${dir}/scs__lgz_e450_ch_push_vse2026.bin`);
    expect(JSON.parse(strict.stdout).error).toMatchObject({ code: "AUTHENTICATION" });
    const lenient = await run(...keys, "--allow-unauthenticated", `${dir}/scs__lgz_e450_ch_push_vse2026.bin`);
    expect(JSON.parse(lenient.stdout)).toMatchObject({ meterId: "LGZ1030653520967" });
  });

  it("refuses a malformed key before reading anything", async () => {
    const { code, stdout } = await run("--key", "abc", `${dir}/openhab__smarty_lux_encrypted_frame.bin`);
    expect(code).toBe(2);
    expect(stdout).toMatch(/a key is 32 hexadecimal characters/);
  });
});
