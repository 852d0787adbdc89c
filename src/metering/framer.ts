/** A streaming framer: bytes in as they arrive, complete frames out; garbage is skipped. */
export interface Framer {
  push(chunk: Uint8Array): Uint8Array[];
  /** End of input: a frame that only the end can complete (a DSMR CRC without line end). */
  flush(): Uint8Array[];
  /** Bytes dropped so far while resynchronising (a burst of them is worth an event). */
  readonly discarded: number;
}

/** The shared buffer handling of every framer: append, consume, and a cap that forces a resync. */
export abstract class BufferedFramer implements Framer {
  protected buffer: Buffer = Buffer.alloc(0);
  discarded = 0;

  constructor(private readonly maxFrameBytes: number) {}

  push(chunk: Uint8Array): Uint8Array[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const frames: Uint8Array[] = [];
    for (;;) {
      const next = this.extract();
      if (next === null) break;
      frames.push(next);
    }
    if (this.buffer.length > this.maxFrameBytes) this.skip(Math.max(1, this.buffer.length - this.maxFrameBytes));
    return frames;
  }

  flush(): Uint8Array[] {
    this.buffer = Buffer.alloc(0);
    return [];
  }

  protected skip(bytes: number) {
    this.discarded += bytes;
    this.buffer = this.buffer.subarray(bytes);
  }

  /** Moves the head to the next `sync` byte, dropping what comes before through `drop`; false when none has arrived. */
  protected seekSync(sync: number, drop: (bytes: number) => void = (n) => this.skip(n)): boolean {
    const start = this.buffer.indexOf(sync);
    if (start < 0) {
      drop(this.buffer.length);
      return false;
    }
    if (start > 0) drop(start);
    return true;
  }

  protected take(bytes: number): Uint8Array {
    const frame = Uint8Array.prototype.slice.call(this.buffer, 0, bytes);
    this.buffer = this.buffer.subarray(bytes);
    return frame;
  }

  /** Returns the next frame at the head of the buffer (after skipping garbage), or null to wait for more. */
  protected abstract extract(): Uint8Array | null;
}
