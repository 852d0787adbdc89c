import type { DecodedFrame } from "../../../src/metering/reading";

/** A DSMR frame as a decoder hands it over, with only the given fields. */
export const decodedFrame = (at: Date, fields: DecodedFrame["fields"]): DecodedFrame => ({
  protocol: "dsmr",
  meterId: null,
  timestamp: at,
  fields,
  registers: {},
  mbus: [],
  objects: [],
  checksum: "valid",
});
