/**
 * bench:meters — decode rates (frames/s on one core) next to the smartmeter-obis package on the
 * same DSMR, D0 and SML captures; a 10,000-element DLMS push; the slowest decode under mutated
 * frames; stored readings per second through the real persistence path; a simulated fleet pushing
 * through the worker's own links (BENCH_FLEET_METERS, default 500, every 10 s for
 * BENCH_FLEET_SECONDS, default 600) with the latency from frame received to reading stored.
 * BENCH_METERS_DECODE_ONLY=1 stops after the decoders (no database).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { seededRandom } from "../src/lib/seeded-random";
import { parseDataNotification } from "../src/metering/dlms/notification";
import { DlmsPushDecoder } from "../src/metering/dlms/push-decoder";
import { MeterDecodeError } from "../src/metering/errors";
import { decodeSmlFrame } from "../src/metering/sml/decode";
import { decodeEncryptedP1 } from "../src/metering/dsmr/encrypted";
import { parseDsmrTelegram } from "../src/metering/dsmr/parse-telegram";
import { decodeIec62056Readout } from "../src/metering/iec62056-21/data-block";
import { MeterIngestor } from "../src/metering/ingest";
import { MeterSupervisor } from "../src/metering/meters/supervisor";
import type { DecodedFrame } from "../src/metering/reading";
import { storeReadings } from "../src/metering/storage/store-readings";
import { LoadModel } from "../src/metering/simulator/load-model";
import { createDb } from "../src/platform/db/client";
import type { Logger } from "../src/platform/logger";
import { benchDatabase } from "./lib/stack";
import { machine, percentile, round, targetLine } from "./lib/report";

const require = createRequire(import.meta.url);
const D0Protocol = require("smartmeter-obis/lib/protocols/D0Protocol");
const SmlProtocol = require("smartmeter-obis/lib/protocols/SmlProtocol");
const fixture = (name: string) => readFileSync(`tests/fixtures/meter-telegrams/${name}`);
const hex = (s: string) => Buffer.from(s, "hex");

/** Calls per second of `fn` over one window of `ms`. */
function windowRate(fn: () => unknown, ms: number): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
  }
  return n / ((performance.now() - start) / 1000);
}

/**
 * Calls per second of each function after a warm-up: the best of ten windows of 100 ms, the
 * functions' windows taken in turn. On a shared machine other tenants slow some seconds down;
 * alternating puts both decoders through the same ones, and the best window is what the code does.
 */
function rates(fns: (() => unknown)[]): number[] {
  for (const fn of fns) for (let i = 0; i < 2_000; i++) fn();
  const best = fns.map(() => 0);
  for (let round = 0; round < 10; round++) {
    for (const [i, fn] of fns.entries()) best[i] = Math.max(best[i]!, windowRate(fn, 100));
  }
  return best;
}

// athombv__dsmr5_iskra_crlf.txt is left out: smartmeter-obis refuses it ("Message … invalid").
// Captures both decoders read fully (smartmeter-obis refuses Holley's CRC-16/KERMIT, EBZ's message CRCs).
const SML_FIXTURES = [
  "smartmeter-obis__sml_emh.bin",
  "smllib__holley_dtz541.bin",
  "smllib__dzg_dvs74.bin",
  "smllib__emh_2.bin",
  "smllib__isk_with_signature.bin",
];
const DSMR_FIXTURES = [
  "dsmr_parser__v5_iskra_mt382.txt",
  "dsmr_parser__v4_2_kaifa.txt",
  "dsmr_parser__sagemcom_t210_d_r_plaintext.txt",
  "openhab__dsmr5_iskra_am550.txt",
];

type SetRate = { overall: number; each: number[] };

/** Frames per second over a set of telegrams, for each decoder (measured in turn, telegram by telegram): total frames over total time. */
function setRates(frames: Buffer[], ...decoders: ((frame: Buffer) => unknown)[]): SetRate[] {
  const perFrame = frames.map((f) => rates(decoders.map((decode) => () => decode(f))));
  return decoders.map((_, d) => {
    const each = perFrame.map((r) => r[d]!);
    return { overall: frames.length / each.reduce((sum, r) => sum + 1 / r, 0), each };
  });
}

function decodeRates() {
  const dsmr = DSMR_FIXTURES.map(fixture);
  const d0 = fixture("smartmeter-obis__d0_modeC_iskra_MT174_response.bin");
  const smarty = fixture("openhab__smarty_lux_encrypted_frame.bin");
  const e450 = fixture("dlms_parser__lgz_e450_hdlc_gbt_encrypted_1.bin");
  const smartyKeys = { key: hex("D491470F47126332B07D1923B3504188"), authKey: hex("00112233445566778899AABBCCDDEEFF") };
  const e450Keys = { key: hex("5C316162209EBB790B52EB0E7FC5B11C"), authKey: hex("92705C5C97286064EABAE38D190F87A4") };
  // smartmeter-obis's own handling of a received data message (D0Protocol.handleMessage, as its
  // transports call it), without its serial transport.
  let parsed = 0;
  const theirs = new D0Protocol({ debug: 0, logger: () => {} }, (err: Error | null, data: object) => (parsed = err ? 0 : Object.keys(data).length));
  const theirParse = (message: Buffer) => {
    theirs.communicationState = 4;
    theirs.handleMessage(message);
  };
  const d0Data = d0.subarray(d0.indexOf(0x02));
  for (const message of [...dsmr, d0Data]) {
    theirParse(message);
    if (!parsed) throw new Error("smartmeter-obis parsed nothing");
  }
  const sml = SML_FIXTURES.map(fixture);
  const theirSml = new SmlProtocol(
    { debug: 0, logger: () => {}, protocolSmlInputEncoding: "binary" },
    (err: Error | null, data: object) => (parsed = err ? 0 : Object.keys(data).length),
  );
  for (const message of sml) {
    parsed = 0;
    theirSml.handleMessage(message);
    if (!parsed) throw new Error("smartmeter-obis parsed nothing of an SML capture");
  }
  const [dsmrOurs, dsmrTheirs] = setRates(dsmr, (f) => parseDsmrTelegram(f), theirParse) as [SetRate, SetRate];
  // smartmeter-obis is handed the data block its transport would hand it; Vigie the whole readout.
  const [d0Ours, d0Theirs] = rates([() => decodeIec62056Readout(d0), () => theirParse(d0Data)]).map((r) => ({ overall: r, each: [r] })) as [SetRate, SetRate];
  const [smlOurs, smlTheirs] = setRates(
    sml,
    (f) => decodeSmlFrame(f),
    (f) => theirSml.handleMessage(f),
  ) as [SetRate, SetRate];
  return {
    ours: {
      dsmr: dsmrOurs,
      d0: d0Ours,
      smarty: setRates([smarty], (f) => decodeEncryptedP1(f, smartyKeys, { ignoreCrc: true }))[0]!,
      e450: setRates([e450], (f) => new DlmsPushDecoder("hdlc", e450Keys).push(f))[0]!,
      sml: smlOurs,
    },
    reference: { dsmr: dsmrTheirs, d0: d0Theirs, sml: smlTheirs },
  };
}

async function storeRate(url: string) {
  const db = createDb(url, { max: 8 });
  const METERS = 20;
  const PER_METER = 10_000;
  const BATCH = 1_000;
  const meters = await Promise.all(
    Array.from({ length: METERS }, (_, i) => db.meter.create({ data: { name: `store ${i}`, protocol: "DSMR", transport: "REMOTE", pollIntervalSeconds: 10 } })),
  );
  const start = Date.parse("2026-01-05T00:00:00Z");
  const batches = meters.map((m, i) => {
    const model = new LoadModel({ seed: i + 1 });
    return Array.from({ length: PER_METER / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, k) => {
        const at = new Date(start + (b * BATCH + k) * 10_000);
        const s = model.step(at);
        return { meter: m, reading: { at, fields: s.fields, registers: s.registers } };
      }),
    );
  });
  const t0 = performance.now();
  // Each meter writes its batches in order; meters write side by side, as a fleet would.
  await Promise.all(
    batches.map(async (meterBatches) => {
      for (const batch of meterBatches)
        await storeReadings(
          db,
          batch[0]!.meter,
          batch.map((b) => b.reading),
          { source: "push", timezone: "Europe/Paris", expectedIntervalSeconds: 10 },
        );
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const stored = await db.reading.count();
  await db.$disconnect();
  return { perSecond: stored / seconds, stored, seconds };
}

async function fleet(url: string) {
  const METERS = Number(process.env.BENCH_FLEET_METERS ?? 500);
  const SECONDS = Number(process.env.BENCH_FLEET_SECONDS ?? 600);
  const db = createDb(url, { max: 10 });
  await db.meter.createMany({
    data: Array.from({ length: METERS }, (_, i) => ({
      name: `fleet ${i}`,
      protocol: "DSMR" as const,
      transport: "SIMULATED" as const,
      pollIntervalSeconds: 10,
      simulator: { seed: i + 1 },
    })),
  });
  const latencies: number[] = [];
  let measuring = false;
  class TimedIngestor extends MeterIngestor {
    override async ingest(...args: Parameters<MeterIngestor["ingest"]>) {
      const outcome = await super.ingest(...args);
      const done = Date.now();
      if (measuring) for (const f of args[1] as DecodedFrame[]) if (f.receivedAt) latencies.push(done - f.receivedAt.getTime());
      return outcome;
    }
  }
  const quiet: Logger = { debug() {}, info() {}, warn() {}, error: (m, c) => console.error(m, c) };
  const supervisor = new MeterSupervisor(db, new TimedIngestor(db), quiet);
  const rssSamples: number[] = [];
  await supervisor.sync();
  await new Promise((r) => setTimeout(r, 15_000)); // every link opened and pushed once
  const before = await db.reading.count();
  measuring = true;
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const sampler = setInterval(() => rssSamples.push(process.memoryUsage().rss), 1_000);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpu0);
  const elapsed = (Date.now() - t0) / 1000;
  await supervisor.stop();
  const stored = (await db.reading.count()) - before;
  await db.$disconnect();
  latencies.sort((a, b) => a - b);
  return {
    meters: METERS,
    seconds: SECONDS,
    expected: Math.round((METERS * elapsed) / 10),
    stored,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    cpuPct: ((cpu.user + cpu.system) / 1e6 / elapsed) * 100,
    rssMb: Math.max(...rssSamples) / 2 ** 20,
  };
}

/** A data notification of 10,000 elements (5,000 OBIS/value pairs): its decode time, warm, median of 50. */
function largePushMs(): { median: number; max: number } {
  const pairs = 5_000;
  const body = [Buffer.from([0x02, 0x82, (pairs * 2) >> 8, (pairs * 2) & 0xff])];
  for (let i = 0; i < pairs; i++)
    body.push(Buffer.from([0x09, 0x06, 1, 0, 1 + (i % 90), 8, i % 10, 255, 0x06, (i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff]));
  const apdu = Buffer.concat([Buffer.from([0x0f, 0, 0, 0, 1, 0x00]), ...body]);
  if (parseDataNotification(apdu).objects.length !== pairs) throw new Error("the large push did not decode");
  for (let i = 0; i < 20; i++) parseDataNotification(apdu);
  const times = Array.from({ length: 50 }, () => {
    const start = performance.now();
    parseDataNotification(apdu);
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return { median: percentile(times, 50), max: times.at(-1)! };
}

/** The slowest decode of 20,000 mutated frames per family (the fuzz tests' mutations, without their assertions). */
function slowestUnderMutation(): number {
  const random = seededRandom(42);
  const captures = [
    "dsmr_parser__v5_iskra_mt382.txt",
    "smartmeter-obis__d0_modeC_iskra_MT174_response.bin",
    "scs__lgz_e450_ch_push_vse2026.bin",
    "smllib__holley_dtz541.bin",
  ].map(fixture);
  let slowest = 0;
  for (let i = 0; i < 80_000; i++) {
    const frame = Buffer.from(captures[i % captures.length]!);
    for (let k = 1 + Math.floor(random() * 4); k > 0; k--) frame[Math.floor(random() * frame.length)]! ^= 1 << Math.floor(random() * 8);
    const start = performance.now();
    try {
      if (i % 4 === 0) parseDsmrTelegram(frame);
      else if (i % 4 === 1) decodeIec62056Readout(frame);
      else if (i % 4 === 2) new DlmsPushDecoder("hdlc").push(frame);
      else decodeSmlFrame(frame);
    } catch (err) {
      if (!(err instanceof MeterDecodeError)) throw err;
    }
    slowest = Math.max(slowest, performance.now() - start);
  }
  return slowest;
}

const decode = decodeRates();
const large = largePushMs();
const slowest = slowestUnderMutation();
console.log(`Machine: ${machine()}`);
const fmt = (n: number) => Math.round(n).toLocaleString("en");
for (const [name, r] of Object.entries(decode.ours)) console.log(`decode ${name}: ${fmt(r.overall)} frames/s (checksum, parse, normalised fields)`);
for (const [i, name] of DSMR_FIXTURES.entries())
  console.log(
    `  DSMR ${name}: Vigie ${fmt(decode.ours.dsmr.each[i]!)}/s, smartmeter-obis ${fmt(decode.reference.dsmr.each[i]!)}/s (${round(decode.ours.dsmr.each[i]! / decode.reference.dsmr.each[i]!)}×)`,
  );
console.log(
  `smartmeter-obis: DSMR ${fmt(decode.reference.dsmr.overall)} frames/s over the same set, D0 ${fmt(decode.reference.d0.overall)} frames/s, SML ${fmt(decode.reference.sml.overall)} frames/s`,
);
const dsmrX = decode.ours.dsmr.overall / decode.reference.dsmr.overall;
const d0X = decode.ours.d0.overall / decode.reference.d0.overall;
const smlX = decode.ours.sml.overall / decode.reference.sml.overall;
const decodeLines = [
  targetLine(
    "decode_dsmr_vs_smartmeter_obis",
    `${round(dsmrX)}× (${fmt(decode.ours.dsmr.overall)} vs ${fmt(decode.reference.dsmr.overall)} frames/s over the ${DSMR_FIXTURES.length} DSMR captures)`,
    "≥ 5×",
    dsmrX >= 5,
  ),
  targetLine(
    "decode_d0_vs_smartmeter_obis",
    `${round(d0X)}× (${fmt(decode.ours.d0.overall)} vs ${fmt(decode.reference.d0.overall)} frames/s)`,
    "≥ 5×",
    d0X >= 5,
  ),
  targetLine(
    "decode_sml_vs_smartmeter_obis",
    `${round(smlX)}× (${fmt(decode.ours.sml.overall)} vs ${fmt(decode.reference.sml.overall)} frames/s over the ${SML_FIXTURES.length} SML captures)`,
    "≥ 5×",
    smlX >= 5,
  ),
  targetLine("dlms_push_10000_elements", `${round(large.median, 2)} ms median, ${round(large.max, 2)} ms max (warm)`, "< 5 ms", large.median < 5),
  targetLine("slowest_decode_under_mutation", `${round(slowest, 1)} ms over 80,000 mutated frames`, "< 50 ms", slowest < 50),
];
if (process.env.BENCH_METERS_DECODE_ONLY === "1") {
  for (const line of decodeLines) console.log(line);
  process.exit(0);
}

const database = await benchDatabase("meters");
try {
  const store = await storeRate(database.url);
  console.log(
    `stored ${store.stored.toLocaleString("en")} readings in ${round(store.seconds, 2)} s through storeReadings (20 meters, batches of 1,000, roll-ups included)`,
  );
  const f = await fleet(database.url);
  console.log(
    `fleet: ${f.meters} simulated meters every 10 s for ${f.seconds} s: ${f.stored} stored of ${f.expected} expected; frame received → stored p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms; CPU ${round(f.cpuPct)} % of one core (links, simulators and storage in one process), peak RSS ${round(f.rssMb)} MB`,
  );
  for (const line of decodeLines) console.log(line);
  console.log(targetLine("stored_readings_per_second", `${Math.round(store.perSecond).toLocaleString("en")}/s`, "≥ 20,000/s", store.perSecond >= 20_000));
  console.log(targetLine("fleet_500_p99_received_to_stored", `${f.p99} ms`, "< 1000 ms", f.p99 < 1000));
  console.log(targetLine("fleet_500_no_backlog", `${f.stored}/${f.expected} readings stored`, "all within one push period", f.stored >= f.expected - f.meters));
} finally {
  await database.cleanup();
}
