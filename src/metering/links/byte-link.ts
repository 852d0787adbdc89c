import { EventEmitter } from "node:events";

/**
 * A byte pipe to a meter: a serial port, or the in-process simulator. Everything above it
 * (framers, the IEC client, push listeners) is the same for both.
 */
export interface ByteLink {
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** IEC 62056-21 switches rate mid-session; a link that cannot (a PTY, memory) ignores it. */
  setBaudRate(baudRate: number): Promise<void>;
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Called once when the link drops unexpectedly (cable pulled, device gone). */
  onClose(listener: (error: Error | null) => void): () => void;
  close(): Promise<void>;
}

/** Two connected in-memory ends: what one writes, the other receives (asynchronously, like a wire). */
export function memoryLinkPair(): [ByteLink, ByteLink] {
  const make = (inbox: EventEmitter, outbox: EventEmitter, closer: EventEmitter): ByteLink => ({
    open: async () => {},
    write: async (bytes) => {
      const copy = Buffer.from(bytes);
      setImmediate(() => outbox.emit("data", copy));
    },
    setBaudRate: async () => {},
    onData(listener) {
      inbox.on("data", listener);
      return () => inbox.off("data", listener);
    },
    onClose(listener) {
      closer.once("close", listener);
      return () => closer.off("close", listener);
    },
    close: async () => {},
  });
  const a = new EventEmitter();
  const b = new EventEmitter();
  const closer = new EventEmitter();
  return [make(a, b, closer), make(b, a, closer)];
}
