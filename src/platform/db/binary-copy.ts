/**
 * Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Binary Format"), for `COPY … FROM STDIN (FORMAT binary)`. PostgreSQL reads it with each type's
 * own receive function: no text to parse, no quoting to undo, and its multi-row heap insert.
 */
export class BinaryCopyRows {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private at = 0;
  count = 0;

  constructor() {
    // Signature, flags (no OIDs), header extension length.
    this.at = this.buffer.write("PGCOPY\n\xff\r\n\0", 0, "latin1");
    this.int32(0);
    this.int32(0);
  }

  /** Starts a row of `fields` fields, to be followed by exactly that many field calls. */
  row(fields: number): this {
    this.reserve(2);
    this.at = this.buffer.writeInt16BE(fields, this.at);
    this.count++;
    return this;
  }

  text(value: string): this {
    const length = Buffer.byteLength(value);
    this.reserve(4 + length);
    this.at = this.buffer.writeInt32BE(length, this.at);
    this.at += this.buffer.write(value, this.at);
    return this;
  }

  /** An integer column (a key); throws a RangeError outside its 32 bits. */
  int4(value: number): this {
    this.reserve(8);
    this.int32(4);
    this.int32(value);
    return this;
  }

  /** A bigint column from a safe integer (a file size). */
  int8(value: number): this {
    this.reserve(12);
    this.int32(8);
    this.int64(value);
    return this;
  }

  /** A `timestamp` column from milliseconds since 1970 (UTC, as Prisma stores DateTime). */
  timestampMs(ms: number): this {
    this.reserve(12);
    this.int32(8);
    this.int64((ms - POSTGRES_EPOCH_MS) * 1000);
    return this;
  }

  /** The whole COPY data, trailer included; the rows are not to be added to after. */
  finish(): Buffer {
    this.reserve(2);
    this.at = this.buffer.writeInt16BE(-1, this.at);
    return this.buffer.subarray(0, this.at);
  }

  private int32(value: number) {
    this.at = this.buffer.writeInt32BE(value, this.at);
  }

  /** Big-endian two's complement, as two 32-bit halves: exact for every safe integer. */
  private int64(value: number) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    const high = Math.floor(value / 2 ** 32);
    this.at = this.buffer.writeInt32BE(high, this.at);
    this.at = this.buffer.writeUInt32BE(value - high * 2 ** 32, this.at);
  }

  private reserve(bytes: number) {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}

/** PostgreSQL counts timestamps in microseconds from 2000-01-01 UTC. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
