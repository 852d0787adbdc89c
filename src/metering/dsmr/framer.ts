import { BufferedFramer } from "../framer";

const MAX_TELEGRAM = 16_384;

/**
 * DSMR P1 telegrams out of a byte stream: from `/` to the end of the `!CRC` line. Bytes before a
 * `/` are garbage; a `/` at the start of a line before the `!` means the previous telegram was cut.
 */
export class DsmrFramer extends BufferedFramer {
  constructor() {
    super(MAX_TELEGRAM);
  }

  protected extract(): Uint8Array | null {
    const start = this.buffer.indexOf(0x2f);
    if (start < 0) {
      this.skip(this.buffer.length);
      return null;
    }
    if (start > 0) this.skip(start);
    const restart = this.buffer.indexOf("\n/", 1);
    const bang = this.buffer.indexOf(0x21, 1);
    if (restart >= 0 && (bang < 0 || restart < bang)) {
      this.skip(restart + 1);
      return this.extract();
    }
    if (bang < 0) return null;
    const lineEnd = this.buffer.indexOf(0x0a, bang);
    if (lineEnd < 0) return this.buffer.length - bang > 8 ? (this.skip(bang + 1), this.extract()) : null;
    return this.take(lineEnd + 1);
  }
}
