import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BinaryCopyRows } from "../../src/platform/db/binary-copy";
import { withSqlTransaction } from "../../src/platform/db/sql-transaction";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.$executeRawUnsafe(`CREATE TABLE copied (name text NOT NULL, size bigint NOT NULL, at timestamp(3) NOT NULL, n int, UNIQUE (name))`);
});
afterAll(() => t.drop());

const copy = (rows: BinaryCopyRows, columns = "name, size, at") =>
  withSqlTransaction(t.db, (tx) => tx.copyFrom(`COPY copied (${columns}) FROM STDIN (FORMAT binary)`, rows.finish()));

describe("binary COPY rows", () => {
  it("are read by PostgreSQL as the values they were given", async () => {
    const values = [
      { name: "sauvegarde-été.tar.gz", size: 0, at: Date.UTC(2026, 11, 4, 4, 30, 0, 123) },
      { name: '雪/🗄️ with\ttab\nand newline\\ "quoted"', size: 2 ** 53 - 1, at: Date.UTC(1969, 6, 20, 20, 17, 40, 1) },
      { name: "", size: 4_294_967_297, at: Date.UTC(1999, 11, 31, 23, 59, 59, 999) },
      { name: "x".repeat(100_000), size: 1, at: 0 },
    ].map((v, i) => ({ ...v, n: [0, -1, 2 ** 31 - 1, -(2 ** 31)][i]! }));
    const rows = new BinaryCopyRows();
    for (const v of values) rows.row(4).text(v.name).int8(v.size).timestampMs(v.at).int4(v.n);
    expect(rows.count).toBe(4);
    expect(await copy(rows, "name, size, at, n")).toBe(4);
    const stored = await t.db.$queryRawUnsafe<{ name: string; size: bigint; at: Date; n: number }[]>(`SELECT name, size, at, n FROM copied`);
    expect(stored.map((r) => ({ name: r.name, size: Number(r.size), at: r.at.getTime(), n: r.n })).sort((a, b) => a.at - b.at)).toEqual(
      [...values].sort((a, b) => a.at - b.at),
    );
  });

  it("refuses a number it cannot write exactly, and a refused COPY writes nothing", async () => {
    expect(() =>
      new BinaryCopyRows()
        .row(3)
        .text("big")
        .int8(2 ** 53),
    ).toThrow(RangeError);
    expect(() => new BinaryCopyRows().row(1).int4(2 ** 31)).toThrow(RangeError);
    const rows = new BinaryCopyRows();
    rows.row(3).text("new one").int8(1).timestampMs(0);
    rows.row(3).text("sauvegarde-été.tar.gz").int8(1).timestampMs(0);
    await expect(copy(rows)).rejects.toMatchObject({ code: "23505" });
    expect(await t.db.$queryRawUnsafe(`SELECT name FROM copied WHERE name = 'new one'`)).toEqual([]);
  });
});
