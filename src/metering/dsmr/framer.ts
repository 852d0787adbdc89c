import { BufferedFramer } from "../framer";

const MAX_TELEGRAM = 16_384;
const isHex = (c: number | undefined) => c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102));
/** CR, LF and spaces between telegrams are their line ends, not noise. */
const isBlank = (c: number) => c === 0x0d || c === 0x0a || c === 0x20;

/**
 * DSMR P1 telegrams out of a byte stream: from `/` to `!` and its CRC (up to 4 hex digits). A
 * telegram is complete as soon as four digits, or anything that is not one, follow the `!`; a
 * `/` at the start of a line before the `!` means the previous telegram was cut. `flush()` hands
 * over a last telegram whose CRC ends the input without a line end.
 */
export class DsmrFramer extends BufferedFramer {
  constructor() {
    super(MAX_TELEGRAM);
  }

  protected extract(): Uint8Array | null {
    for (;;) {
      if (!this.seekSync(0x2f, (n) => this.dropBefore(n))) return null;
      const restart = this.buffer.indexOf("\n/", 1);
      const bang = this.buffer.indexOf(0x21, 1);
      if (restart >= 0 && (bang < 0 || restart < bang)) {
        this.skip(restart + 1);
        continue;
      }
      if (bang < 0) return null;
      let end = bang + 1;
      while (end - bang <= 4 && isHex(this.buffer[end])) end++;
      // Fewer than four digits so far and nothing after them yet: more may come.
      if (end - bang <= 4 && end === this.buffer.length) return null;
      return this.take(end);
    }
  }

  /** The pending telegram at the end of the input, if its `!` has arrived. */
  flush(): Uint8Array[] {
    const start = this.buffer.indexOf(0x2f);
    const frame = start >= 0 && this.buffer.indexOf(0x21, start + 1) > 0 ? this.take(this.buffer.length) : null;
    this.buffer = Buffer.alloc(0);
    return frame ? [frame.subarray(start)] : [];
  }

  private dropBefore(index: number) {
    let noise = 0;
    for (let i = 0; i < index; i++) if (!isBlank(this.buffer[i]!)) noise++;
    this.discarded += noise;
    this.buffer = this.buffer.subarray(index);
  }
}
