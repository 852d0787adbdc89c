import type { Db } from "../../platform/db/client";
import { MeterDecodeError } from "../errors";
import { readIec62056 } from "../iec62056-21/client";
import type { MeterIngestor } from "../ingest";
import type { DecodedFrame } from "../reading";
import { openMeterLink } from "./meter-link";

export type PollOutcome = { ok: true; frame: DecodedFrame } | { ok: false; error: string };

/** One IEC 62056-21 readout of a meter, stored through the ingestor; failures are kept on the meter. */
export async function pollMeter(db: Db, ingestor: MeterIngestor, meterId: string, options: { store?: boolean } = {}): Promise<PollOutcome> {
  const meter = await db.meter.findUniqueOrThrow({ where: { id: meterId } });
  const link = openMeterLink(meter);
  try {
    await link.open();
    const frame = await readIec62056(link, { address: meter.deviceAddress, maxBaudRate: meter.baudRate > 300 ? meter.baudRate : undefined });
    if (options.store !== false) {
      await ingestor.ingest(meter, [frame], "poll");
      await ingestor.seen(meter.id, { frame });
    }
    return { ok: true, frame };
  } catch (err) {
    if (err instanceof MeterDecodeError) {
      await ingestor.refused(meter, err);
      if (options.store !== false) await ingestor.seen(meter.id, { error: err });
    } else await db.meter.update({ where: { id: meter.id }, data: { lastError: (err as Error).message } });
    return { ok: false, error: err instanceof MeterDecodeError ? `${err.code}: ${err.message}` : (err as Error).message };
  } finally {
    await link.close().catch(() => {});
  }
}
