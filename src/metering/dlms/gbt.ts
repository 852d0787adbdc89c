import { decodeError } from "../errors";
import { berLength } from "./cipher";

/** One general-block-transfer block (tag 0xE0): its number, whether it is the last, its data. */
export function parseGbtBlock(apdu: Uint8Array): { last: boolean; number: number; data: Uint8Array } {
  if (apdu[0] !== 0xe0) throw decodeError("FORMAT", "not a general-block-transfer APDU");
  if (apdu.length < 7) throw decodeError("TRUNCATED", "general-block-transfer header cut");
  const control = apdu[1]!;
  const number = (apdu[2]! << 8) | apdu[3]!;
  const { length, size } = berLength(apdu, 6);
  const start = 6 + size;
  if (start + length > apdu.length) throw decodeError("TRUNCATED", `block ${number} declares ${length} bytes, has ${apdu.length - start}`);
  return { last: (control & 0x80) !== 0, number, data: apdu.subarray(start, start + length) };
}
