import type { Db } from "../../platform/db/client";
import type { EventPayload } from "../../platform/live/events";
import { publish } from "../../platform/live/publish";
import { topics } from "../../platform/live/topics";
import { netPowerW } from "../reading";
import type { DecodeResult } from "../stream-decoder";

/** Bytes of a frame kept for the meter page: enough for any telegram, bounded for a runaway stream. */
export const FRAME_BYTES_SHOWN = 4096;
/** Frames the meter page lists. */
export const RECENT_FRAMES = 10;

/** A frame as the meter page shows it: its bytes (text when printable, else hex), and what was read from it or why it was refused. */
export type SeenFrame = EventPayload<`meter:${string}`, "frame">;

const printable = (bytes: Uint8Array) => bytes.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x0d || b === 0x0a || b === 0x09);

export function seenFrame(meterId: string, result: DecodeResult, at: Date): SeenFrame {
  const bytes = result.raw ?? new Uint8Array();
  const shown = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, FRAME_BYTES_SHOWN));
  const text = printable(shown);
  const frame = "frame" in result ? result.frame : null;
  return {
    meterId,
    at: at.toISOString(),
    bytes: bytes.byteLength,
    encoding: text ? "text" : "hex",
    raw: text ? shown.toString("latin1") : shown.toString("hex"),
    truncated: bytes.byteLength > FRAME_BYTES_SHOWN,
    decoded: frame && {
      meterId: frame.meterId,
      timestamp: frame.timestamp?.toISOString() ?? null,
      powerW: netPowerW(frame.fields),
      energyImportKwh: frame.fields.energyImportKwh ?? null,
      values: frame.objects.length,
    },
    error: "error" in result ? { code: result.error.code, message: result.error.message } : null,
  };
}

/** Announces a frame on its meter's topic; the stream's history is what the page lists. */
export function publishSeenFrame(db: Db, meterId: string, result: DecodeResult, at: Date) {
  return publish(db, topics.meter(meterId), "frame", seenFrame(meterId, result, at));
}

/** The meter's last frames, newest first, from its live topic (kept as long as live events are). */
export async function recentMeterFrames(db: Db, meterId: string, limit = RECENT_FRAMES): Promise<SeenFrame[]> {
  const rows = await db.liveEvent.findMany({
    where: { topic: topics.meter(meterId), type: "frame" },
    orderBy: { id: "desc" },
    take: limit,
    select: { payload: true },
  });
  return rows.map((r) => r.payload as SeenFrame);
}
