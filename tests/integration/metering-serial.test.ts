import { updateAppSetting } from "../../src/composition/settings-catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeterIngestor } from "../../src/metering/ingest";
import { SerialByteLink, PortBusyError } from "../../src/metering/links/serial-link";
import { openPtyPair, type PtyPair } from "../../src/metering/links/pty-pair";
import { pollMeter } from "../../src/metering/meters/poll";
import { MeterSupervisor } from "../../src/metering/meters/supervisor";
import { meterTestResult, testMeterRead } from "../../src/metering/meters/test-read";
import { runSimulatedMeter, type DeviceOptions } from "../../src/metering/simulator/device";
import { SecretBox } from "../../src/platform/secret-box";
import type { Logger } from "../../src/platform/logger";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { recentMeterFrames } from "../../src/metering/meters/frames";
import { waitFor } from "./helpers/wait";

process.env.VIGIE_SECRET_KEY ??= "11".repeat(32);
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
let t: TestDatabase;
let ingestor: MeterIngestor;
let supervisor: MeterSupervisor;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  ingestor = new MeterIngestor(t.db);
  supervisor = new MeterSupervisor(t.db, ingestor, quiet);
});
afterAll(async () => {
  await supervisor.stop();
  for (const c of cleanups.reverse()) await c();
  await t.drop();
});

/** A socat PTY pair with the simulator on the meter side, through the real serialport stack. */
async function simulatedPort(options: DeviceOptions) {
  const pty: PtyPair = await openPtyPair();
  const link = new SerialByteLink({ path: pty.meterSide, baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 }, "simulator");
  await link.open();
  let stop = runSimulatedMeter(link, options);
  const handle = {
    path: pty.hostSide,
    pause: () => stop(),
    resume: () => (stop = runSimulatedMeter(link, options)),
    close: async () => {
      stop();
      await link.close();
      await pty.close();
    },
  };
  cleanups.push(handle.close);
  return handle;
}

const readings = (meterId: string) => t.db.reading.count({ where: { meterId } });

describe("meters over a real pseudo-terminal", { timeout: 60_000 }, () => {
  it("a DSMR push meter is read by its listener, stops when disabled, and owns its port", async () => {
    const port = await simulatedPort({ protocol: "dsmr", intervalMs: 200 });
    const meter = await t.db.meter.create({ data: { name: "P1", protocol: "DSMR", transport: "SERIAL", portPath: port.path, pollIntervalSeconds: 1 } });
    await supervisor.sync();
    await waitFor(async () => (await readings(meter.id)) >= 3, "three DSMR readings");
    const row = await t.db.reading.findFirstOrThrow({ where: { meterId: meter.id }, orderBy: { at: "desc" } });
    expect(row.voltageL1V).toBeGreaterThan(200);
    expect(row.energyImportKwh).toBeGreaterThan(11_000);
    expect((await t.db.meter.findUniqueOrThrow({ where: { id: meter.id } })).status).toBe("ONLINE");
    // The meter page lists the telegrams as received, as text, with what was read from them.
    const [telegram] = await waitFor(async () => {
      const frames = await recentMeterFrames(t.db, meter.id);
      return frames.length ? frames : null;
    }, "a telegram shown");
    expect(telegram).toMatchObject({ encoding: "text", error: null });
    expect(telegram!.raw).toMatch(/^\/[\s\S]+![0-9A-F]{4}(\r\n)?$/);
    expect(telegram!.decoded!.energyImportKwh).toBeGreaterThan(11_000);

    // One owner per port: nobody else in this process may open it.
    await expect(new SerialByteLink({ path: port.path, baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 }, "intruder").open()).rejects.toBeInstanceOf(
      PortBusyError,
    );

    await t.db.meter.update({ where: { id: meter.id }, data: { enabled: false } });
    await supervisor.sync();
    expect(supervisor.running).not.toContain(meter.id);
    const stopped = await readings(meter.id);
    await new Promise((r) => setTimeout(r, 600));
    expect(await readings(meter.id)).toBe(stopped);
  });

  it("'Tester la connexion' reads a running link's next frame, and says why a link cannot open instead of waiting", async () => {
    const port = await simulatedPort({ protocol: "dsmr", intervalMs: 200 });
    const good = await t.db.meter.create({ data: { name: "test ok", protocol: "DSMR", transport: "SERIAL", portPath: port.path, pollIntervalSeconds: 1 } });
    const missing = await t.db.meter.create({
      data: { name: "test missing", protocol: "DSMR", transport: "SERIAL", portPath: "/dev/ttyVIGIE-NONE", pollIntervalSeconds: 1 },
    });
    await supervisor.sync();
    const ok = meterTestResult(await testMeterRead(t.db, supervisor, ingestor, good.id, 10_000));
    expect(ok).toMatchObject({ ok: true, protocol: "dsmr", checksum: "valid" });
    await waitFor(() => supervisor.listenerFor(missing.id)?.openError != null, "the failed open");
    const refused = meterTestResult(await testMeterRead(t.db, supervisor, ingestor, missing.id, 10_000));
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/ttyVIGIE-NONE|No such file/) });
    expect(refused).not.toMatchObject({ error: expect.stringMatching(/no frame within/) });
    await t.db.meter.updateMany({ where: { id: { in: [good.id, missing.id] } }, data: { enabled: false } });
    await supervisor.sync();
  });

  it("an IEC 62056-21 meter answers a mode C readout", async () => {
    const port = await simulatedPort({ protocol: "iec62056-21" });
    const meter = await t.db.meter.create({
      data: { name: "D0", protocol: "IEC62056_21", transport: "SERIAL", portPath: port.path, baudRate: 9600, pollIntervalSeconds: 60 },
    });
    const outcome = await pollMeter(t.db, ingestor, meter.id);
    expect(outcome).toMatchObject({ ok: true, frame: { protocol: "iec62056-21", checksum: "valid", meterId: "E450SIM0001" } });
    expect(await readings(meter.id)).toBe(1);
  });

  it("an encrypted DLMS push is deciphered with the meter's sealed keys", async () => {
    const key = Buffer.alloc(16, 7);
    const authKey = Buffer.alloc(16, 9);
    const port = await simulatedPort({ protocol: "dlms", intervalMs: 200, keys: { key, authKey } });
    const box = new SecretBox(process.env.VIGIE_SECRET_KEY!);
    const meter = await t.db.meter.create({
      data: {
        name: "E450",
        protocol: "DLMS",
        dlmsLink: "hdlc",
        transport: "SERIAL",
        portPath: port.path,
        pollIntervalSeconds: 1,
        encryptionKey: box.seal(key.toString("hex")),
        authenticationKey: box.seal(authKey.toString("hex")),
      },
    });
    await supervisor.sync();
    await waitFor(async () => (await readings(meter.id)) >= 2, "two DLMS readings");
    expect(Number((await t.db.meter.findUniqueOrThrow({ where: { id: meter.id } })).lastFrameCounter)).toBeGreaterThan(0);
  });

  it("an SML meter (German eHZ) pushes through its transport frames", async () => {
    const port = await simulatedPort({ protocol: "sml", intervalMs: 200 });
    const meter = await t.db.meter.create({
      data: { name: "eHZ", protocol: "SML", transport: "SERIAL", portPath: port.path, baudRate: 9600, pollIntervalSeconds: 1 },
    });
    await supervisor.sync();
    await waitFor(async () => (await readings(meter.id)) >= 2, "two SML readings");
    const row = await t.db.reading.findFirstOrThrow({ where: { meterId: meter.id }, orderBy: { at: "desc" } });
    expect(row.voltageL1V).toBeGreaterThan(200);
    expect(row.energyImportKwh).toBeGreaterThan(11_000);
    expect(row.powerImportW! + row.powerExportW!).toBeGreaterThan(0);
    // The meter page lists the transport frames as received, in hex, with what was read from them.
    const [frame] = await waitFor(async () => {
      const frames = await recentMeterFrames(t.db, meter.id);
      return frames.length ? frames : null;
    }, "a frame shown");
    expect(frame).toMatchObject({ encoding: "hex", error: null, truncated: false });
    expect(frame!.raw.startsWith("1b1b1b1b01010101")).toBe(true);
    expect(frame!.raw).toMatch(/1b1b1b1b1a[0-9a-f]{6}$/);
    expect(frame!.bytes * 2).toBe(frame!.raw.length);
    expect(frame!.decoded!.energyImportKwh).toBeGreaterThan(11_000);
  });

  it("the E450's push object list (CII) in clear, long enough for block transfer, is read with the E450's units", async () => {
    const port = await simulatedPort({ protocol: "dlms", intervalMs: 200, dlmsLayout: "push-object-list", meterId: "E450CII0001" });
    const meter = await t.db.meter.create({
      data: { name: "E450 CII", protocol: "DLMS", dlmsLink: "hdlc", transport: "SERIAL", portPath: port.path, pollIntervalSeconds: 1 },
    });
    await supervisor.sync();
    await waitFor(async () => (await readings(meter.id)) >= 2, "two readings from the push object list");
    const row = await t.db.reading.findFirstOrThrow({ where: { meterId: meter.id }, orderBy: { at: "desc" } });
    expect(row.voltageL1V).toBeGreaterThan(200);
    expect(row.voltageL1V).toBeLessThan(260);
    expect(row.currentL1A).toBeLessThan(100);
    expect(row.energyImportKwh).toBeGreaterThan(11_000);
  });

  it("a meter with keys refuses plaintext pushes unless it allows them", async () => {
    const port = await simulatedPort({ protocol: "dlms", intervalMs: 200 });
    const box = new SecretBox(process.env.VIGIE_SECRET_KEY!);
    const keys = { encryptionKey: box.seal("07".repeat(16)), authenticationKey: box.seal("09".repeat(16)) };
    const meter = await t.db.meter.create({
      data: { name: "E450 keyed", protocol: "DLMS", dlmsLink: "hdlc", transport: "SERIAL", portPath: port.path, pollIntervalSeconds: 1, ...keys },
    });
    await supervisor.sync();
    await waitFor(
      async () => (await t.db.meter.findUniqueOrThrow({ where: { id: meter.id } })).lastError?.startsWith("AUTHENTICATION"),
      "the refusal recorded on the meter",
    );
    expect(await readings(meter.id)).toBe(0);
    // The refused push is listed with why, and its HDLC frame as received.
    const refused = await waitFor(async () => (await recentMeterFrames(t.db, meter.id)).find((f) => f.error), "the refused frame shown");
    expect(refused?.error?.code).toBe("AUTHENTICATION");
    expect(refused?.decoded).toBeNull();
    expect(refused?.raw).toMatch(/^7e[0-9a-f]+7e$/);
    await t.db.meter.update({ where: { id: meter.id }, data: { refuseUnauthenticated: false } });
    await supervisor.sync();
    await waitFor(async () => (await readings(meter.id)) >= 1, "readings once plaintext is allowed");
  });

  it("a silent link raises an event and is reopened; readings resume", async () => {
    const port = await simulatedPort({ protocol: "dsmr", intervalMs: 200 });
    const meter = await t.db.meter.create({ data: { name: "stall", protocol: "DSMR", transport: "SERIAL", portPath: port.path, pollIntervalSeconds: 1 } });
    await updateAppSetting(t.db, "energy.offlineIntervals", 2, null);
    await supervisor.sync();
    await waitFor(async () => (await readings(meter.id)) >= 1, "a first reading");
    port.pause();
    await waitFor(() => t.db.alert.findFirst({ where: { sourceId: meter.id, type: "link_stalled" } }), "the stall event", 20_000);
    const before = await readings(meter.id);
    port.resume();
    await waitFor(async () => (await readings(meter.id)) > before, "readings after the reconnect", 20_000);
  });
});
