import type { Meter } from "../../generated/prisma/client";
import { decodeCapture } from "../decode-capture";
import type { MeterIngestor } from "../ingest";
import { meterDecoding } from "./meter-link";

const protocolOf = { IEC62056_21: "iec62056-21", DSMR: "dsmr", DLMS: "dlms", SML: "sml" } as const;

export type RemoteIngestResult = { frames: number; stored: number; duplicates: number; errors: { code: string; message: string }[] };

/**
 * A datalogger's upload: raw bytes (one telegram or several), decoded as the meter's protocol
 * with its keys and replay counter, then stored by the same path as a local link.
 */
export async function ingestRemoteTelegrams(ingestor: MeterIngestor, meter: Meter, bytes: Uint8Array): Promise<RemoteIngestResult> {
  const results = decodeCapture(bytes, { protocol: protocolOf[meter.protocol], ...meterDecoding(meter) });
  const receivedAt = new Date();
  for (const result of results) await ingestor.seen(meter.id, result, receivedAt);
  const frames = results.flatMap((r) => ("frame" in r ? [r.frame] : []));
  const errors = results.flatMap((r) => ("error" in r ? [r.error] : []));
  for (const error of errors) await ingestor.refused(meter, error);
  const outcome = frames.length ? await ingestor.ingest(meter, frames, "ingest") : { stored: 0, duplicates: 0 };
  return { frames: frames.length, stored: outcome.stored, duplicates: outcome.duplicates, errors: errors.map((e) => ({ code: e.code, message: e.message })) };
}
