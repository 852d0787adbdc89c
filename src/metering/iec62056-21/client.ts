import type { ByteLink } from "../links/byte-link";
import { ByteReader, lineEnd } from "../links/byte-reader";
import type { DecodedFrame } from "../reading";
import { decodeIec62056Readout } from "./data-block";
import { ackReadout, baudForChar, parseIdentification } from "./identification";

export type IecReadOptions = {
  /** Device address for a bus of meters; empty asks any meter. */
  address?: string;
  /** Highest rate to switch to (some optical heads cannot follow the meter's). */
  maxBaudRate?: number;
  identificationTimeoutMs?: number;
  readoutTimeoutMs?: number;
};

const modeCChars = ["0", "1", "2", "3", "4", "5", "6"];

/** The end of a data block: ETX plus its BCC byte. */
const dataBlockEnd = (buffer: Buffer) => {
  const etx = buffer.indexOf(0x03);
  return etx >= 0 && buffer.length > etx + 1 ? etx + 2 : -1;
};

/**
 * One readout as an IEC 62056-21 client: request `/?addr!` at 300 baud 7E1, read the
 * identification, select the readout option with ACK and switch rate (mode C), or switch without
 * ACK (mode B), then read the data block and check its BCC. Each step has its own timeout.
 */
export async function readIec62056(link: ByteLink, options: IecReadOptions = {}): Promise<DecodedFrame> {
  const reader = new ByteReader(link);
  try {
    await link.setBaudRate(300);
    await link.write(Buffer.from(`/?${options.address ?? ""}!\r\n`, "latin1"));
    const identLine = await reader.until("identification", lineEnd, options.identificationTimeoutMs ?? 2_000);
    const ident = parseIdentification(identLine.toString("latin1"));
    let baudChar = ident.baudChar;
    if (ident.mode === "C" && options.maxBaudRate) {
      while (baudChar !== "0" && baudForChar(baudChar) > options.maxBaudRate) baudChar = modeCChars[modeCChars.indexOf(baudChar) - 1]!;
    }
    if (ident.mode === "C") {
      await link.write(ackReadout(baudChar));
      // The meter switches after the ACK has left the line and its reaction time has passed.
      await new Promise((r) => setTimeout(r, ident.reactionTimeMs));
    }
    if (ident.mode !== "A") await link.setBaudRate(baudForChar(baudChar));
    const block = await reader.until("data block", dataBlockEnd, options.readoutTimeoutMs ?? 15_000);
    return decodeIec62056Readout(Buffer.concat([identLine, block]));
  } finally {
    reader.close();
  }
}
