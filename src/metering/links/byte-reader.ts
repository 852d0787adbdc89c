import type { ByteLink } from "./byte-link";

/** A step of a conversation with a meter that got no (complete) answer in time. */
export class LinkTimeoutError extends Error {
  constructor(
    readonly step: string,
    timeoutMs: number,
  ) {
    super(`no answer to "${step}" within ${timeoutMs} ms`);
    this.name = "LinkTimeoutError";
  }
}

/** Buffers what a link receives so a client can wait for "a line", "up to ETX + 1 byte"… */
export class ByteReader {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | null = null;
  private readonly detach: () => void;

  constructor(link: ByteLink) {
    this.detach = link.onData((chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiter?.();
    });
  }

  /** Waits until `end(buffer)` finds the end of a message; returns the message and keeps the rest. */
  async until(step: string, end: (buffer: Buffer) => number, timeoutMs: number): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = end(this.buffer);
      if (at >= 0) {
        const message = this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at);
        return message;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new LinkTimeoutError(step, timeoutMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
  }

  discard() {
    this.buffer = Buffer.alloc(0);
  }

  close() {
    this.detach();
  }
}

export const lineEnd = (buffer: Buffer) => {
  const i = buffer.indexOf(0x0a);
  return i < 0 ? -1 : i + 1;
};
