import { SerialPort } from "serialport";
import type { ByteLink } from "./byte-link";

export type SerialSettings = { path: string; baudRate: number; dataBits: 5 | 6 | 7 | 8; parity: "none" | "even" | "odd"; stopBits: 1 | 2 };

/** Ports in use in this process: one owner each, so two links never fight over a port. */
const owners = new Map<string, string>();

export class PortBusyError extends Error {
  constructor(path: string, owner: string) {
    super(`${path} is already used by ${owner}`);
  }
}

/** A ByteLink on a real serial port (or a pseudo-terminal) through the serialport package. */
export class SerialByteLink implements ByteLink {
  private port: SerialPort | null = null;

  constructor(
    private readonly settings: SerialSettings,
    private readonly owner: string,
  ) {}

  async open(): Promise<void> {
    const current = owners.get(this.settings.path);
    if (current && current !== this.owner) throw new PortBusyError(this.settings.path, current);
    owners.set(this.settings.path, this.owner);
    const port = new SerialPort({ ...this.settings, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      owners.delete(this.settings.path);
      throw err;
    }
    this.port = port;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw new Error("serial link not open");
    await new Promise<void>((resolve, reject) => port.write(Buffer.from(bytes), (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve())))));
  }

  async setBaudRate(baudRate: number): Promise<void> {
    const port = this.port;
    if (!port) throw new Error("serial link not open");
    // A pseudo-terminal has no rate: the request is refused and the bytes flow anyway.
    await new Promise<void>((resolve) => port.update({ baudRate }, () => resolve()));
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    this.port?.on("data", listener);
    return () => this.port?.off("data", listener);
  }

  onClose(listener: (error: Error | null) => void): () => void {
    const onClose = (err: Error | null) => listener(err ?? null);
    this.port?.once("close", onClose);
    return () => this.port?.off("close", onClose);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (owners.get(this.settings.path) === this.owner) owners.delete(this.settings.path);
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

/** The ports the machine has, for the meter form. */
export async function listSerialPorts() {
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    manufacturer: p.manufacturer ?? null,
    serialNumber: p.serialNumber ?? null,
    vendorId: p.vendorId ?? null,
    productId: p.productId ?? null,
  }));
}
