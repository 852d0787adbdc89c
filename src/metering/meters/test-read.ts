import type { Db } from "../../platform/db/client";
import type { MeterDecodeError } from "../errors";
import type { MeterIngestor } from "../ingest";
import { createStreamDecoder, meterStreamProtocol } from "../stream-decoder";
import type { DecodedFrame } from "../reading";
import { meterDecoding, openMeterLink } from "./meter-link";
import { pollMeter, type PollOutcome } from "./poll";
import type { MeterSupervisor } from "./supervisor";

/**
 * "Tester la connexion": one read, decoded values or the decoder's error. A polled meter gets a
 * readout (not stored); a push meter's next frame is awaited on its running link, or on a link
 * opened for the test when the meter is disabled.
 */
export async function testMeterRead(db: Db, supervisor: MeterSupervisor, ingestor: MeterIngestor, meterId: string, timeoutMs = 15_000): Promise<PollOutcome> {
  const meter = await db.meter.findUniqueOrThrow({ where: { id: meterId } });
  if (meter.transport === "REMOTE") return { ok: false, error: "This meter is fed by a remote datalogger: nothing to connect to from here." };
  if (meter.protocol === "IEC62056_21") return pollMeter(db, ingestor, meterId, { store: false });
  const running = supervisor.listenerFor(meterId);
  if (running) {
    // A link that cannot open says why, rather than waiting for a frame that cannot come.
    if (running.openError) return { ok: false, error: running.openError };
    const frame = await running.waitForFrame(timeoutMs);
    if (frame) return { ok: true, frame };
    return { ok: false, error: running.openError ?? `no frame within ${timeoutMs / 1000} s` };
  }
  const link = openMeterLink(meter);
  const decoder = createStreamDecoder(meterStreamProtocol(meter), meterDecoding(meter));
  try {
    await link.open();
    return await new Promise<PollOutcome>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: `no frame within ${timeoutMs / 1000} s` }), timeoutMs);
      link.onData((chunk) => {
        const [first] = decoder.push(chunk);
        if (!first) return;
        clearTimeout(timer);
        resolve(
          "frame" in first
            ? { ok: true, frame: first.frame as DecodedFrame }
            : { ok: false, error: `${(first.error as MeterDecodeError).code}: ${first.error.message}` },
        );
      });
    });
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  } finally {
    await link.close().catch(() => {});
  }
}

/** What "Tester la connexion" shows: the decoded values, or why there are none. */
export type MeterTestResult =
  | { ok: true; fields: DecodedFrame["fields"]; registers: DecodedFrame["registers"]; meterId: string | null; checksum: string; protocol: string }
  | { ok: false; error: string };

export function meterTestResult(outcome: PollOutcome): MeterTestResult {
  if (!outcome.ok) return outcome;
  const { fields, registers, meterId, checksum, protocol } = outcome.frame;
  return { ok: true, fields, registers, meterId, checksum, protocol };
}
