import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, poolOf } from "../../src/platform/db/client";
import { withSqlTransaction, type RawQueryable } from "../../src/platform/db/sql-transaction";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { waitFor } from "./helpers/wait";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("the application's database pool", () => {
  it("lives on when a connection it lent out is cut between two statements, and discards it", async () => {
    const db = createDb(t.url, { max: 2 });
    try {
      const client = await poolOf(db).connect();
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      let ended = false;
      client.once("end", () => (ended = true));
      // Lent out, idle, then cut by the server: without a listener its 'error' would end the process.
      await t.db.$queryRaw`SELECT pg_terminate_backend(${rows[0]!.pid})`;
      await waitFor(() => ended, "the cut connection closed");
      await expect(client.query("SELECT 1")).rejects.toThrow();
      client.release(true);
      expect(await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("raw statements outside Prisma", () => {
  it("read timestamp columns as UTC and big integers as bigint, as Prisma's raw queries do, whatever the process's zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const expected = [{ at: new Date("2026-01-01T00:30:00.123Z"), big: 9007199254740993n }];
      const read = (db: RawQueryable) => db.$queryRaw`SELECT timestamp '2026-01-01 00:30:00.123' AS at, 9007199254740993::bigint AS big`;
      expect(await read(t.db)).toEqual(expected);
      expect(await withSqlTransaction(t.db, async (tx) => read(tx))).toEqual(expected);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
